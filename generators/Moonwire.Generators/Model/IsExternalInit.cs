namespace System.Runtime.CompilerServices;

// netstandard2.0 lacks the marker type that records' init accessors need.
internal static class IsExternalInit;
