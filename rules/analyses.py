"""Each rule's analysis of one set of entries, computed on first use and
then shared: PDF reports and Fava pages ask for the same figures many times
and must never pay for a rule twice."""

from __future__ import annotations

from functools import cached_property

from beancount.core import data

from rules import claims, grants, local_spend, social_value, supplier_relief
from rules.common import RuleContext


class RuleAnalyses:
    """Mixin: needs ``entries`` and ``context`` attributes."""

    entries: list[data.Directive]
    context: RuleContext

    @cached_property
    def grants(self) -> grants.GrantsAnalysis:
        return grants.analyse(self.entries, self.context)

    @cached_property
    def relief(self) -> supplier_relief.ReliefAnalysis:
        return supplier_relief.analyse(self.entries, self.context)

    @cached_property
    def local_spend(self) -> local_spend.LocalSpend:
        return local_spend.analyse(self.entries, self.context)

    @cached_property
    def claims(self) -> claims.ClaimsAnalysis:
        return claims.analyse(self.entries, self.context)

    @cached_property
    def social_value(self) -> social_value.SocialValue:
        return social_value.analyse(self.entries, self.context)
