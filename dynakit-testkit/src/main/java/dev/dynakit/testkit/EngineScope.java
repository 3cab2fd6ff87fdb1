package dev.dynakit.testkit;

/** How long one engine lives: {@link DynakitTest#engine()}. */
public enum EngineScope {
  /** A fresh engine, with its tables and fixtures, for every test method (the default). */
  PER_TEST,
  /** One engine for all the tests of a class: tests see each other's writes. */
  PER_CLASS
}
