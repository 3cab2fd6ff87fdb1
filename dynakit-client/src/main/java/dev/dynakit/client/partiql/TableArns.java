package dev.dynakit.client.partiql;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table as requests name it: by its name, or by its ARN ({@code
 * arn:aws:dynamodb:us-east-1:123456789012:table/orders}), which DynamoDB takes wherever it takes a
 * table's name (a {@code TableName}, a key of {@code RequestItems}, a PartiQL statement's table).
 * The policy gate, the table prefix, the metrics and the error mapping read tables through this
 * class, so all of them see the table an ARN names.
 */
public final class TableArns {
  private static final Pattern TABLE_ARN =
      Pattern.compile(
          "(arn:[^:]+:dynamodb:[^:]*:[^:]*:(?:global-)?table/)([^/]+)(.*)", Pattern.DOTALL);

  private TableArns() {}

  /**
   * The table a table name or table ARN names: the name itself, the name inside a DynamoDB table
   * ARN, and anything else (an ARN of another kind) as given, so that it matches no table.
   */
  public static String tableOf(String nameOrArn) {
    if (nameOrArn == null || !nameOrArn.startsWith("arn:")) {
      return nameOrArn;
    }
    String table = tableOfArn(nameOrArn);
    return table == null ? nameOrArn : table;
  }

  /**
   * A table name or table ARN with its table renamed by {@code rename}: a name replaced, the name
   * inside a DynamoDB table ARN replaced and the rest of the ARN kept; an ARN of another kind as
   * given.
   */
  public static String rename(String nameOrArn, UnaryOperator<String> rename) {
    if (!nameOrArn.startsWith("arn:")) {
      return rename.apply(nameOrArn);
    }
    Matcher arn = TABLE_ARN.matcher(nameOrArn);
    return arn.matches() ? arn.group(1) + rename.apply(arn.group(2)) + arn.group(3) : nameOrArn;
  }

  /**
   * The table a DynamoDB ARN belongs to ({@code table/NAME}, {@code table/NAME/index/...}, {@code
   * table/NAME/stream/...}, {@code table/NAME/backup/...}, {@code global-table/NAME}), or {@code
   * null} if it is not a DynamoDB table-scoped ARN (a Kinesis stream ARN, a KMS key).
   */
  public static String tableOfArn(String arn) {
    String[] parts = arn.split(":", 6);
    if (parts.length < 6 || !parts[0].equals("arn") || !parts[2].equals("dynamodb")) {
      return null;
    }
    String[] resource = parts[5].split("/");
    if (resource.length < 2 || resource[1].isEmpty()) {
      return null;
    }
    if (resource[0].equals("table") || resource[0].equals("global-table")) {
      return resource[1];
    }
    return null;
  }
}
