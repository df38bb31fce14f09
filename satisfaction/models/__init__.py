"""Models of the satisfaction app: survey forms and responses, complaints, facts and the index."""

from satisfaction.models.complaints import Complaint
from satisfaction.models.facts import (
    AgencyMonthFact,
    AgencySatisfactionFact,
    ComplaintFact,
    DossierFact,
    FactRefresh,
    OpenDossierFact,
    ProcedureFact,
    ProcedureMonthFact,
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
    "AgencyMonthFact",
    "AgencySatisfactionFact",
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
    "ProcedureMonthFact",
    "ResponseChannel",
    "SatisfactionFact",
    "SurveyAnswer",
    "SurveyForm",
    "SurveyInvitation",
    "SurveyQuestion",
    "SurveyResponse",
]
