"""``{% survey_prompt dossier %}`` on the applicant's dossier page: invites a rating once the result
exists, offers to change it within the window, and links to a complaint about the dossier."""

from django import template

from dossiers.models import Dossier
from satisfaction.models import SurveyResponse
from satisfaction.services.surveys import RATEABLE_STATES

register = template.Library()


@register.inclusion_tag("satisfaction/_survey_prompt.html")
def survey_prompt(dossier):
    response = None
    if dossier.status in RATEABLE_STATES:
        if Dossier.survey_response.is_cached(dossier):  # loaded with the dossier (select_related)
            response = getattr(dossier, "survey_response", None)
        else:
            response = (
                SurveyResponse.objects.filter(dossier=dossier)
                .only("average", "change_until")
                .first()
            )
    return {
        "dossier": dossier,
        "rateable": dossier.status in RATEABLE_STATES,
        "response": response,
    }
