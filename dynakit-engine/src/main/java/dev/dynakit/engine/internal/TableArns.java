package dev.dynakit.engine.internal;

/**
 * Table ARNs, {@code arn:<partition>:dynamodb:<region>:<account>:table/<name>}, as requests give
 * them in place of a table's name and as the tag operations take them: the one place they are
 * parsed.
 */
final class TableArns {
  /** DynamoDB's words for a TableName that starts with {@code arn:} but is no table ARN. */
  static final String INVALID_ARN =
      "Valid ARN format is"
          + " 'arn:<awsPartition>:<vendor>:<region>:<subscriber>:resourceType/resourceName', where"
          + " Resource name must have length less than or equal to 255, Resource name must have"
          + " length greater than or equal to 3, Resource name must satisfyregular expression"
          + " pattern: [a-zA-Z0-9_.-]+";

  static final String PARTITION = "aws";
  static final String SERVICE = "dynamodb";
  static final String TABLE = "table";

  /**
   * An ARN taken apart.
   *
   * @param resourceType what stands before the first {@code /} of the resource, e.g. {@code table}
   * @param resource what follows that {@code /}: a table's name, unchecked
   */
  record Arn(
      String partition,
      String service,
      String region,
      String account,
      String resourceType,
      String resource) {

    /** Whether it has the shape of a DynamoDB table ARN (the name it gives is not checked). */
    boolean namesTable() {
      return PARTITION.equals(partition) && SERVICE.equals(service) && TABLE.equals(resourceType);
    }
  }

  private TableArns() {}

  /** Whether a TableName is given as an ARN: it starts with {@code arn:}, as DynamoDB decides. */
  static boolean isArn(String nameOrArn) {
    return nameOrArn.startsWith("arn:");
  }

  /**
   * The parts of {@code arn:partition:service:region:account:type/resource}, or null where it is
   * not of that shape (as in DynamoDB, a resource holds no {@code :}).
   */
  static Arn parse(String arn) {
    String[] parts = arn.split(":", -1);
    if (parts.length != 6 || !parts[0].equals("arn")) {
      return null;
    }
    int slash = parts[5].indexOf('/');
    if (slash < 0) {
      return null;
    }
    return new Arn(
        parts[1],
        parts[2],
        parts[3],
        parts[4],
        parts[5].substring(0, slash),
        parts[5].substring(slash + 1));
  }
}
