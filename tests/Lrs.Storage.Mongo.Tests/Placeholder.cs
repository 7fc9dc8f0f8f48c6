namespace Lrs.Storage.Mongo.Tests; internal static class Placeholder { }
