using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using RecoveryWatch.Cases;
using RecoveryWatch.Common;
using RecoveryWatch.Data;
using RecoveryWatch.ReferenceData;
using RecoveryWatch.Web.Infrastructure;

namespace RecoveryWatch.Web.Pages.Cases;

/// <summary>The Secretariat's form to create or edit a case. Rules are the handler's; the page only maps errors to fields.</summary>
[Authorize(Policy = Policies.EditCases)]
public sealed partial class EditModel(SaveCase save, RecoveryWatchDbContext db, IStringLocalizer<SharedResource> localizer, RecoveryWatch.Knowledge.ChallengeTaxonomy taxonomy) : PageModel
{
    /// <summary>Blank rows offered for new entries; the form works without JavaScript.</summary>
    private const int BlankRows = 2;

    [BindProperty]
    public SaveCaseRequest Input { get; set; } = new();

    public int? Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is { } existing)
        {
            var entity = await SaveCase.LoadWholeCase(db.Cases.AsNoTracking(), existing, cancellationToken);
            if (entity is null)
            {
                return NotFound();
            }

            Input = SaveCaseRequest.From(entity);
            Provenance = Input.Measures.ToDictionary(m => m.Id!.Value);
        }

        await PadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        var (request, maps) = Compact(Input);
        try
        {
            // With a field the form could not even read (a number that is not one), the rules are checked without saving so
            // that every error shows at once; otherwise the save checks them itself.
            if (!ModelState.IsValid)
            {
                AddErrors(await save.CheckAsync(id, request, cancellationToken), maps);
            }

            if (ModelState.IsValid)
            {
                if (id is { } existing)
                {
                    await save.UpdateAsync(existing, request, User.Actor(), cancellationToken);
                    return Redirect($"/cases/{existing}");
                }

                var created = await save.CreateAsync(request, User.Actor(), cancellationToken: cancellationToken);
                return Redirect($"/cases/{created}");
            }
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException exception)
        {
            // Someone else saved the case meanwhile (a conflict), or a rule only the save itself can check.
            AddErrors(exception.Errors, maps);
        }

        await LoadProvenanceAsync(id, cancellationToken);
        await PadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Where each figure of the stored case came from, shown beside it (the form posts only its id).</summary>
    public IReadOnlyDictionary<int, MeasureInput> Provenance { get; private set; } = new Dictionary<int, MeasureInput>();

    private async Task LoadProvenanceAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is { } existing && await SaveCase.LoadWholeCase(db.Cases.AsNoTracking(), existing, cancellationToken) is { } entity)
        {
            Provenance = SaveCaseRequest.From(entity).Measures.ToDictionary(m => m.Id!.Value);
        }
    }

    private void AddErrors(IEnumerable<ValidationError> errors, Dictionary<string, int[]> maps)
    {
        foreach (var error in errors)
        {
            var key = ModelKey(error.Field, maps);
            if (ModelState[key] is not { Errors.Count: > 0 })
            {
                ModelState.AddModelError(key, localizer.Message(error));
            }
        }
    }

    /// <summary>The challenge taxonomy as the database has it (labels of the checkboxes).</summary>
    public RecoveryWatch.Knowledge.ChallengeCatalog Challenges { get; private set; } = new([]);

    /// <summary>The order of the challenge checkboxes: the types offered for new input, and the retired ones the case
    /// already has (so they survive an edit); a row's code is null when its box is not ticked.</summary>
    public IReadOnlyList<string> ChallengeCodes { get; private set; } = [];

    private async Task PadAsync(CancellationToken cancellationToken)
    {
        Challenges = await taxonomy.GetAsync(cancellationToken);
        ChallengeCodes = [.. Challenges.Offered.Select(t => t.Code)
            .Union(Input.Challenges.Select(c => c.Code).Where(Challenges.IsKnown).Select(c => c!))
            .Order(StringComparer.Ordinal)];
        Input = Input with
        {
            States = [.. Input.States, .. Enumerable.Range(0, Input.States.Count == 0 ? 2 : BlankRows).Select(i => new CaseStateInput { Role = Input.States.Count == 0 && i == 1 ? StateRole.Requested : StateRole.Requesting })],
            Proceedings = [.. Input.Proceedings, .. Enumerable.Range(0, BlankRows).Select(_ => new ProceedingInput())],
            Measures = [.. Input.Measures, .. Enumerable.Range(0, BlankRows + 1).Select(_ => new MeasureInput())],
            Victims = [.. Input.Victims, new VictimInput()],
            ThirdParties = [.. Input.ThirdParties, new ThirdPartyInput()],
            Sources = [.. Input.Sources, .. Enumerable.Range(0, BlankRows).Select(_ => new SourceInput())],
            Challenges = [.. ChallengeCodes.Select(code =>
                Input.Challenges.FirstOrDefault(c => c.Code == code) ?? new ChallengeInput { Code = null, Note = null })],
        };
    }

    /// <summary>Drops the blank rows the form offered, remembering where each kept row stood so errors land on the right field.</summary>
    private static (SaveCaseRequest Request, Dictionary<string, int[]> Maps) Compact(SaveCaseRequest input)
    {
        var maps = new Dictionary<string, int[]>(StringComparer.Ordinal);
        List<T> Keep<T>(string name, List<T> rows, Func<T, bool> blank)
        {
            var kept = rows.Select((row, index) => (row, index)).Where(x => !blank(x.row)).ToList();
            maps[name] = [.. kept.Select(x => x.index)];
            return [.. kept.Select(x => x.row)];
        }

        static bool Empty(string? text) => string.IsNullOrWhiteSpace(text);
        var request = input with
        {
            States = Keep("states", input.States, s => Empty(s.State)),
            Offences = [.. input.Offences.Where(o => !Empty(o))],
            Proceedings = Keep("proceedings", input.Proceedings, p => Empty(p.Route) && Empty(p.Description)),
            Measures = Keep("measures", input.Measures, m => m.Amount is null && Empty(m.Currency) && Empty(m.Date) && Empty(m.Note)),
            Victims = Keep("victims", input.Victims, v => Empty(v.Description) && v.CompensationOrdered is null && v.CompensationPaid is null),
            ThirdParties = Keep("thirdParties", input.ThirdParties, t => Empty(t.Description) && Empty(t.Outcome)),
            Challenges = Keep("challenges", input.Challenges, c => Empty(c.Code)),
            Sources = Keep("sources", input.Sources, s => Empty(s.Title) && Empty(s.Url) && Empty(s.State)),
        };
        return (request, maps);
    }

    /// <summary>"measures[2].amount" (handler's JSON path, on the compacted list) to "Input.Measures[5].Amount" (form field).</summary>
    private static string ModelKey(string field, Dictionary<string, int[]> maps)
    {
        var mapped = IndexedField().Replace(field, m =>
        {
            var name = m.Groups[1].Value;
            var index = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            var original = maps.TryGetValue(name, out var map) && index < map.Length ? map[index] : index;
            return $"{name}[{original}]";
        });
        return "Input." + string.Join('.', mapped.Split('.').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
    }

    [GeneratedRegex(@"^([a-zA-Z]+)\[(\d+)\]")]
    private static partial Regex IndexedField();
}
