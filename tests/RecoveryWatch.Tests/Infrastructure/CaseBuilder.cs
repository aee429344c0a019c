using RecoveryWatch.Cases;
using RecoveryWatch.ReferenceData;

namespace RecoveryWatch.Tests.Infrastructure;

/// <summary>Small builder for case requests: a valid published public case unless told otherwise.</summary>
public sealed class CaseBuilder
{
    private SaveCaseRequest _request;

    public CaseBuilder(string title)
    {
        _request = new SaveCaseRequest
        {
            Title = title,
            Summary = "Summary of " + title,
            Status = CaseStatus.Published,
            Visibility = Visibility.Public,
            SummaryVisibility = Visibility.Public,
        };
    }

    public static CaseBuilder Case(string title) => new(title);

    public CaseBuilder Summary(string summary, Visibility visibility = Visibility.Public)
    {
        _request = _request with { Summary = summary, SummaryVisibility = visibility };
        return this;
    }

    public CaseBuilder Between(string requesting, string requested)
    {
        _request.States.Add(new CaseStateInput { State = requesting, Role = StateRole.Requesting });
        _request.States.Add(new CaseStateInput { State = requested, Role = StateRole.Requested });
        return this;
    }

    public CaseBuilder Transit(string state, Visibility visibility = Visibility.Public)
    {
        _request.States.Add(new CaseStateInput { State = state, Role = StateRole.Transit, Visibility = visibility });
        return this;
    }

    public CaseBuilder Measure(Stage stage, decimal amount, string currency, string date, Visibility visibility = Visibility.Public, string? excessReason = null)
    {
        _request.Measures.Add(new MeasureInput { Stage = stage, AssetType = AssetType.BankFunds, Amount = amount, Currency = currency, Date = date, Visibility = visibility, ExcessReason = excessReason });
        return this;
    }

    public CaseBuilder Offence(params string[] codes)
    {
        _request.Offences.AddRange(codes);
        return this;
    }

    public CaseBuilder Route(string code, string? state = null, Visibility visibility = Visibility.Public)
    {
        _request.Proceedings.Add(new ProceedingInput { Route = code, State = state, Description = "Proceeding under " + code, Visibility = visibility });
        return this;
    }

    public CaseBuilder Victim(string description, Visibility visibility)
    {
        _request.Victims.Add(new VictimInput { Kind = VictimKind.NaturalPersons, Description = description, Visibility = visibility });
        return this;
    }

    public CaseBuilder OpenSource(string url, string title, Visibility visibility = Visibility.Public)
    {
        _request.Sources.Add(new SourceInput { Kind = SourceKind.OpenSource, Url = url, Title = title, Visibility = visibility });
        return this;
    }

    public CaseBuilder Challenge(string code, string? note = null, string? state = null, string? proceedingRoute = null)
    {
        _request.Challenges.Add(new ChallengeInput { Code = code, Note = note, State = state, ProceedingRoute = proceedingRoute });
        return this;
    }

    public CaseBuilder Draft()
    {
        _request = _request with { Status = CaseStatus.Draft };
        return this;
    }

    public CaseBuilder VisibleTo(Visibility visibility)
    {
        _request = _request with { Visibility = visibility };
        return this;
    }

    public SaveCaseRequest Build() => _request;

    public static implicit operator SaveCaseRequest(CaseBuilder builder) => builder.Build();
}
