"""The database models, one module per aggregate; importing this package registers them all."""

from victimcare.models.audit import AuditEvent
from victimcare.models.cases import Case, CaseStatus, Victim
from victimcare.models.journey import (
    ClosureStep,
    Contract,
    EnhancedGround,
    KeyStageEvent,
    NeedsAssessment,
    PlanAction,
    PlanProgress,
    Referral,
    SupportService,
    TimescaleSetting,
    UpdateKind,
    VictimUpdate,
    WhatMatters,
)
from victimcare.models.letters import Letter
from victimcare.models.reference import Offence
from victimcare.models.reports import BoardCount, BoardCountMonth
from victimcare.models.tokens import ApiToken
from victimcare.models.scrutiny import ScrutinyAction, ScrutinyFinding, ScrutinyPack, ScrutinySample
from victimcare.models.users import Role, Team, User, UserSession
from victimcare.models.vcu import (
    AgencyImpact,
    Complaint,
    ContactAttempt,
    Feedback,
    FollowUp,
    ServiceRecovery,
    SupportOffer,
)

__all__ = [
    "ApiToken",
    "AgencyImpact",
    "AuditEvent",
    "BoardCount",
    "BoardCountMonth",
    "Complaint",
    "ContactAttempt",
    "Feedback",
    "FollowUp",
    "ServiceRecovery",
    "SupportOffer",
    "Case",
    "CaseStatus",
    "ClosureStep",
    "Contract",
    "EnhancedGround",
    "KeyStageEvent",
    "Letter",
    "NeedsAssessment",
    "PlanAction",
    "PlanProgress",
    "Referral",
    "SupportService",
    "TimescaleSetting",
    "UpdateKind",
    "VictimUpdate",
    "WhatMatters",
    "Offence",
    "Role",
    "ScrutinyAction",
    "ScrutinyFinding",
    "ScrutinyPack",
    "ScrutinySample",
    "Team",
    "User",
    "UserSession",
    "Victim",
]
