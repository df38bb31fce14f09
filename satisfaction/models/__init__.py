"""Models of the satisfaction app: survey forms and responses, complaints, facts and the index."""

from satisfaction.models.complaints import Complaint
from satisfaction.models.facts import (
    ComplaintFact,
    DossierFact,
    FactRefresh,
    OpenDossierFact,
    ProcedureFact,
    SatisfactionFact,
)
from satisfaction.models.index import (
    IndexGroup,
    IndexIndicator,
    IndexScheme,
    IndexScore,
    IndexScoreLine,
    Metric,
    NoData,
)
from satisfaction.models.responses import (
    ResponseChannel,
    SurveyAnswer,
    SurveyInvitation,
    SurveyResponse,
)
from satisfaction.models.surveys import Aspect, SurveyForm, SurveyQuestion

__all__ = [
    "Aspect",
    "Complaint",
    "ComplaintFact",
    "DossierFact",
    "FactRefresh",
    "IndexGroup",
    "IndexIndicator",
    "IndexScheme",
    "IndexScore",
    "IndexScoreLine",
    "Metric",
    "NoData",
    "OpenDossierFact",
    "ProcedureFact",
    "ResponseChannel",
    "SatisfactionFact",
    "SurveyAnswer",
    "SurveyForm",
    "SurveyInvitation",
    "SurveyQuestion",
    "SurveyResponse",
]
