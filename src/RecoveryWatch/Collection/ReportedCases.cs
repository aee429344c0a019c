using RecoveryWatch.Cases;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Collection;

public static class ReportedCases
{
    /// <summary>
    /// The cases a State answers for in an information request: those it is party to as requesting or requested State
    /// (transit States do not report), as its focal point may read them. The template is pre-filled with these, and the
    /// import accepts a case key only among them.
    /// </summary>
    public static IQueryable<Case> ReportedBy(this IQueryable<Case> cases, string stateCode) =>
        cases.VisibleTo(CaseReader.ForStates([stateCode]))
            .Where(c => c.States.Any(s => s.StateCode == stateCode && s.Role != StateRole.Transit));
}
