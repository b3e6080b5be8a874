namespace CalmDesk.Infrastructure;

/// Anchor for the UI's translations (Texts.it.resx, Texts.el.resx); the keys are the English texts.
public sealed class Texts;
