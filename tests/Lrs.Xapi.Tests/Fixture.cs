using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Lrs.Xapi.Tests;

/// <summary>
/// Test input: whole statements from the JSON files under Fixtures/, and small fragments written inline. Both are read
/// with Json.NET directly (dates left as strings), not through the code under test.
/// </summary>
internal static class Fixture
{
    /// <summary>A fresh copy of a fixture statement, so a test may change it freely.</summary>
    public static JObject Statement(string name) => (JObject)Read(name);

    public static JArray Batch(string name) => (JArray)Read(name);

    /// <summary>A fixture statement changed by <paramref name="change"/> before the test uses it.</summary>
    public static JObject Statement(string name, Action<JObject> change)
    {
        var s = Statement(name);
        change(s);
        return s;
    }

    public static JObject Obj(string json) => (JObject)Token(json);

    public static JToken Token(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    private static JToken Read(string name) =>
        Token(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name + ".json")));
}
