package dev.dynakit.cli;

import java.util.Locale;

/** The item formats of {@code import} and {@code export}: {@code --format}. */
enum ItemFormat {
  /** One item per line as plain JSON ({@code {"id": "o-1", "total": 12.5}}), the verbs' values. */
  JSONL("jsonl"),
  /**
   * One item per line in DynamoDB JSON, as DynamoDB's export to S3 writes it: {@code {"Item":
   * {"id": {"S": "o-1"}}}}; import also takes the bare item.
   */
  DYNAMODB_JSON("dynamodb-json"),
  /** A header row of attribute names, then one row per item. */
  CSV("csv");

  private final String option;

  ItemFormat(String option) {
    this.option = option;
  }

  /** The name written after {@code --format}. */
  String option() {
    return option;
  }

  static ItemFormat of(String text) {
    for (ItemFormat format : values()) {
      if (format.option.equals(text.toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new UsageException("--format '" + text + "': expected jsonl, dynamodb-json or csv");
  }
}
