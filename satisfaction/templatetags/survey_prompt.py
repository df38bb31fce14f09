"""``{% survey_prompt dossier %}`` on the applicant's dossier page: invites a rating once the result
exists, offers to change it within the window, and links to a complaint about the dossier."""

from django import template

from satisfaction.models import SurveyResponse
from satisfaction.services.surveys import RATEABLE_STATES

register = template.Library()


@register.inclusion_tag("satisfaction/_survey_prompt.html")
def survey_prompt(dossier):
    response = (
        SurveyResponse.objects.filter(dossier=dossier).only("average", "change_until").first()
        if dossier.status in RATEABLE_STATES
        else None
    )
    return {
        "dossier": dossier,
        "rateable": dossier.status in RATEABLE_STATES,
        "response": response,
    }
