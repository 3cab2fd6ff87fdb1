package dev.dynakit.cli;

/** How results are printed: {@code --output json|table}. */
enum OutputFormat {
  /** One line of JSON, object keys sorted. */
  JSON,
  /** Items as a text table, one row per item; other results as JSON. */
  TABLE
}
