using System.Globalization;
using Lrs.Xapi.Errors;
using Lrs.Xapi.Json;
using Lrs.Xapi.Model;
using Lrs.Xapi.Statements;
using Lrs.Xapi.Storage;
using Lrs.Xapi.Validation;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Query;

/// <summary>
/// Reads the parameters of GET /statements into a request, rejecting what the spec forbids: unknown parameters,
/// statementId mixed with filters, malformed values. Every error names the parameter.
/// </summary>
public static class StatementQueryParser
{
    /// <summary>The page size when the client asks for none, or for 0 ("the server's maximum").</summary>
    public const int MaxLimit = 500;

    private static readonly HashSet<string> Known =
    [
        "statementId", "voidedStatementId", "agent", "verb", "activity", "registration", "related_activities",
        "related_agents", "since", "until", "limit", "format", "attachments", "ascending",
    ];

    private static readonly HashSet<string> AllowedWithId = ["statementId", "voidedStatementId", "format", "attachments"];

    public static StatementRequest Parse(IReadOnlyDictionary<string, string> parameters, XapiVersion version)
    {
        foreach (var name in parameters.Keys)
        {
            if (!Known.Contains(name))
            {
                throw new BadRequestException($"'{name}' is not a parameter of the statements resource", name);
            }
        }

        var format = Format(parameters);
        var attachments = Bool(parameters, "attachments");

        var hasId = parameters.TryGetValue("statementId", out var statementId);
        var hasVoided = parameters.TryGetValue("voidedStatementId", out var voidedId);
        if (hasId || hasVoided)
        {
            if (hasId && hasVoided)
            {
                throw new BadRequestException("statementId and voidedStatementId cannot be used together", "statementId");
            }

            foreach (var name in parameters.Keys)
            {
                if (!AllowedWithId.Contains(name))
                {
                    throw new BadRequestException($"'{name}' cannot be combined with statementId or voidedStatementId", name);
                }
            }

            var name2 = hasId ? "statementId" : "voidedStatementId";
            if (!Formats.TryParseUuid(hasId ? statementId : voidedId, out var id))
            {
                throw new BadRequestException($"{name2} must be a UUID", name2);
            }

            return new SingleStatementRequest(id, hasVoided, format, attachments);
        }

        var filter = new StatementFilter
        {
            Agent = Agent(parameters, version),
            Verb = Iri(parameters, "verb"),
            Activity = Iri(parameters, "activity"),
            Registration = Uuid(parameters, "registration"),
            RelatedActivities = Bool(parameters, "related_activities"),
            RelatedAgents = Bool(parameters, "related_agents"),
            Since = Timestamp(parameters, "since"),
            Until = Timestamp(parameters, "until"),
            Limit = Limit(parameters),
            Ascending = Bool(parameters, "ascending"),
        };
        return new StatementQueryRequest(filter, format, attachments, parameters);
    }

    private static StatementFormat Format(IReadOnlyDictionary<string, string> p)
    {
        if (!p.TryGetValue("format", out var value))
        {
            return StatementFormat.Exact;
        }

        return value switch
        {
            "exact" => StatementFormat.Exact,
            "ids" => StatementFormat.Ids,
            "canonical" => StatementFormat.Canonical,
            _ => throw new BadRequestException("format must be one of exact, ids, canonical", "format"),
        };
    }

    private static bool Bool(IReadOnlyDictionary<string, string> p, string name)
    {
        if (!p.TryGetValue(name, out var value))
        {
            return false;
        }

        return value switch
        {
            "true" => true,
            "false" => false,
            _ => throw new BadRequestException($"{name} must be true or false", name),
        };
    }

    private static string? Agent(IReadOnlyDictionary<string, string> p, XapiVersion version)
    {
        if (!p.TryGetValue("agent", out var value))
        {
            return null;
        }

        var agent = ParseAgentParameter(value, "agent", version, allowGroup: true);
        return Ifi.KeyOf(agent) ?? throw new BadRequestException("agent must be an Agent or an identified Group", "agent");
    }

    /// <summary>Parses and validates an agent given as a JSON query parameter (statements and document resources).</summary>
    public static JObject ParseAgentParameter(string value, string name, XapiVersion version, bool allowGroup)
    {
        JToken token;
        try
        {
            token = XapiJson.Parse(value);
        }
        catch (ValidationException e)
        {
            throw new BadRequestException($"{name} must be a JSON Agent object: {e.Message}", name);
        }

        if (allowGroup)
        {
            StatementValidator.ValidateActor(token, version, name);
        }
        else
        {
            StatementValidator.ValidateAgent(token, version, name);
        }

        return (JObject)token;
    }

    private static string? Iri(IReadOnlyDictionary<string, string> p, string name)
    {
        if (!p.TryGetValue(name, out var value))
        {
            return null;
        }

        return Formats.IsIri(value) ? value : throw new BadRequestException($"{name} must be an IRI", name);
    }

    private static Guid? Uuid(IReadOnlyDictionary<string, string> p, string name)
    {
        if (!p.TryGetValue(name, out var value))
        {
            return null;
        }

        return Formats.TryParseUuid(value, out var id) ? id : throw new BadRequestException($"{name} must be a UUID", name);
    }

    private static DateTimeOffset? Timestamp(IReadOnlyDictionary<string, string> p, string name)
    {
        if (!p.TryGetValue(name, out var value))
        {
            return null;
        }

        return Formats.TryParseTimestamp(value, out var instant)
            ? instant
            : throw new BadRequestException($"{name} must be an ISO 8601 timestamp", name);
    }

    private static int Limit(IReadOnlyDictionary<string, string> p)
    {
        if (!p.TryGetValue("limit", out var value))
        {
            return MaxLimit;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
        {
            // Digits too many for an int are still a valid limit, just above the maximum.
            if (value.Length > 0 && value.All(char.IsAsciiDigit))
            {
                return MaxLimit;
            }

            throw new BadRequestException("limit must be a non-negative integer", "limit");
        }

        return limit == 0 || limit > MaxLimit ? MaxLimit : limit;
    }
}
