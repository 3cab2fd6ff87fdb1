package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dynakit backup}: on-demand backups of tables ({@code create}, {@code list}, {@code
 * describe}, {@code delete}) and {@code restore} into a new table, through the control-plane verbs.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description =
        "On-demand backups (create, list, describe, delete, restore) and exports to and imports"
            + " from S3 (export, import).",
    subcommands = {
      BackupCommand.Create.class,
      BackupCommand.ListBackups.class,
      BackupCommand.Describe.class,
      BackupCommand.Delete.class,
      BackupCommand.Restore.class,
      BackupCommand.Export.class,
      BackupCommand.Import.class
    })
final class BackupCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandLine.Model.CommandSpec spec;

  BackupCommand(CliContext context, GlobalOptions options) {
    this.context = context;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(context.out());
    return ExitCode.OK.code();
  }

  /** {@code backup create TABLE [--name NAME]}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Back a table up (a write: needs --allow-write). Prints the backup's details.")
  static final class Create extends AdapterCommand {
    @Parameters(index = "0", paramLabel = "TABLE", description = "The table.")
    String table;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        description = "The backup's name (default: TABLE-yyyyMMdd-HHmmss, by the clock).")
    String name;

    Create(CliContext context, GlobalOptions options) {
      super(context, options);
    }

    @Override
    ExitCode run(Dynakit dynakit) {
      String backupName =
          name != null
              ? name
              : table
                  + "-"
                  + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                      .format(context.clock().instant().atZone(ZoneOffset.UTC));
      print(dynakit.call("create_backup", Map.of("table_name", table, "backup_name", backupName)));
      return ExitCode.OK;
    }
  }

  /** {@code backup list [TABLE]}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List backups, of one table or all, every page.")
  static final class ListBackups extends AdapterCommand {
    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "TABLE",
        description = "Only this table's.")
    String table;

    ListBackups(CliContext context, GlobalOptions options) {
      super(context, options);
    }

    @Override
    @SuppressWarnings("unchecked")
    ExitCode run(Dynakit dynakit) {
      List<Object> all = new java.util.ArrayList<>();
      String start = null;
      do {
        Map<String, Object> args = new LinkedHashMap<>();
        if (table != null) {
          args.put("table_name", table);
        }
        args.put("backup_type", "ALL");
        if (start != null) {
          args.put("exclusive_start_backup_arn", start);
        }
        Map<String, Object> page = dynakit.call("list_backups", args);
        all.addAll((List<Object>) page.getOrDefault("BackupSummaries", List.of()));
        start = (String) page.get("LastEvaluatedBackupArn");
      } while (start != null);
      print(Map.of("BackupSummaries", all));
      return ExitCode.OK;
    }
  }

  /** {@code backup describe BACKUP_ARN}. */
  @Command(name = "describe", mixinStandardHelpOptions = true, description = "Describe a backup.")
  static final class Describe extends AdapterCommand {
    @Parameters(index = "0", paramLabel = "BACKUP_ARN", description = "The backup.")
    String arn;

    Describe(CliContext context, GlobalOptions options) {
      super(context, options);
    }

    @Override
    ExitCode run(Dynakit dynakit) {
      print(dynakit.call("describe_backup", Map.of("backup_arn", arn)));
      return ExitCode.OK;
    }
  }

  /** {@code backup delete BACKUP_ARN}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a backup (a write: needs --allow-write).")
  static final class Delete extends AdapterCommand {
    @Parameters(index = "0", paramLabel = "BACKUP_ARN", description = "The backup.")
    String arn;

    Delete(CliContext context, GlobalOptions options) {
      super(context, options);
    }

    @Override
    ExitCode run(Dynakit dynakit) {
      print(dynakit.call("delete_backup", Map.of("backup_arn", arn)));
      return ExitCode.OK;
    }
  }

  /** {@code backup restore BACKUP_ARN --to TABLE [--billing on-demand|provisioned]}. */
  @Command(
      name = "restore",
      mixinStandardHelpOptions = true,
      description =
          "Restore a backup into a new table (a write: needs --allow-write). Prints the table's"
              + " description.")
  static final class Restore extends AdapterCommand {
    @Parameters(index = "0", paramLabel = "BACKUP_ARN", description = "The backup.")
    String arn;

    @Option(names = "--to", required = true, paramLabel = "TABLE", description = "The new table.")
    String target;

    @Option(
        names = "--billing",
        paramLabel = "MODE",
        description = "on-demand or provisioned (default: as the backed-up table).")
    String billing;

    private String billingMode;

    Restore(CliContext context, GlobalOptions options) {
      super(context, options);
    }

    @Override
    void prepare() {
      if (billing != null) {
        switch (billing.toLowerCase(Locale.ROOT)) {
          case "on-demand":
            billingMode = "PAY_PER_REQUEST";
            break;
          case "provisioned":
            billingMode = "PROVISIONED";
            break;
          default:
            throw new UsageException(
                "--billing '" + billing + "': expected on-demand or provisioned");
        }
      }
    }

    @Override
    ExitCode run(Dynakit dynakit) {
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("backup_arn", arn);
      args.put("target_table_name", target);
      if (billingMode != null) {
        args.put("billing_mode_override", billingMode);
      }
      print(dynakit.call("restore_table_from_backup", args));
      return ExitCode.OK;
    }
  }

  /** {@code backup export TABLE --bucket B [--prefix P] [--at TIME]}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Export a table to S3 in DynamoDB JSON (a write: needs --allow-write; the table needs"
              + " point-in-time recovery). Prints the export's description.")
  static final class Export extends AdapterCommand {
    @Parameters(index = "0", paramLabel = "TABLE", description = "The table.")
    String table;

    @Option(names = "--bucket", required = true, paramLabel = "BUCKET", description = "The bucket.")
    String bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "The key prefix.")
    String prefix;

    @Option(
        names = "--at",
        paramLabel = "TIME",
        description = "The instant to export (ISO-8601; default: now).")
    String at;

    Export(CliContext context, GlobalOptions options) {
      super(context, options);
    }

    @Override
    void prepare() {
      if (at != null) {
        try {
          java.time.Instant.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
          throw new UsageException("--at '" + at + "': expected an ISO-8601 time");
        }
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    ExitCode run(Dynakit dynakit) {
      Map<String, Object> described = dynakit.call("describe_table", Map.of("table", table));
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("table_arn", ((Map<String, Object>) described.get("table")).get("TableArn"));
      args.put("s3_bucket", bucket);
      if (prefix != null) {
        args.put("s3_prefix", prefix);
      }
      if (at != null) {
        args.put("export_time", at);
      }
      print(dynakit.call("export_table_to_point_in_time", args));
      return ExitCode.OK;
    }
  }

  /**
   * {@code backup import --bucket B [--prefix P] --table NAME --pk ATTR:TYPE [--sk ATTR:TYPE]
   * [--format dynamodb_json|csv] [--gzip]}.
   */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Create a table from the files under an S3 prefix (a write: needs --allow-write). Prints"
              + " the import's description.")
  static final class Import extends AdapterCommand {
    @Option(names = "--bucket", required = true, paramLabel = "BUCKET", description = "The bucket.")
    String bucket;

    @Option(names = "--prefix", paramLabel = "PREFIX", description = "The key prefix to read.")
    String prefix;

    @Option(names = "--table", required = true, paramLabel = "NAME", description = "The new table.")
    String table;

    @Option(
        names = "--pk",
        required = true,
        paramLabel = "ATTR:TYPE",
        description = "Partition key, TYPE S, N or B.")
    String partitionKey;

    @Option(names = "--sk", paramLabel = "ATTR:TYPE", description = "Sort key, TYPE S, N or B.")
    String sortKey;

    @Option(
        names = "--format",
        paramLabel = "FORMAT",
        description = "dynamodb_json (default) or csv.")
    String format = "dynamodb_json";

    @Option(names = "--gzip", description = "The files are gzipped.")
    boolean gzip;

    private Map<String, Object> parameters;

    Import(CliContext context, GlobalOptions options) {
      super(context, options);
    }

    @Override
    void prepare() {
      String upper = format.toUpperCase(Locale.ROOT);
      if (!upper.equals("DYNAMODB_JSON") && !upper.equals("CSV")) {
        throw new UsageException("--format '" + format + "': expected dynamodb_json or csv");
      }
      format = upper;
      java.util.List<Map<String, Object>> definitions = new java.util.ArrayList<>();
      java.util.List<Map<String, Object>> schema = new java.util.ArrayList<>();
      KeyAttribute partition = KeyAttribute.parse("--pk", partitionKey);
      definitions.add(
          Map.of("attribute_name", partition.name(), "attribute_type", partition.type()));
      schema.add(Map.of("attribute_name", partition.name(), "key_type", "HASH"));
      if (sortKey != null) {
        KeyAttribute sort = KeyAttribute.parse("--sk", sortKey);
        definitions.add(Map.of("attribute_name", sort.name(), "attribute_type", sort.type()));
        schema.add(Map.of("attribute_name", sort.name(), "key_type", "RANGE"));
      }
      parameters = new LinkedHashMap<>();
      parameters.put("table_name", table);
      parameters.put("attribute_definitions", definitions);
      parameters.put("key_schema", schema);
      parameters.put("billing_mode", "PAY_PER_REQUEST");
    }

    @Override
    ExitCode run(Dynakit dynakit) {
      Map<String, Object> source = new LinkedHashMap<>();
      source.put("s3_bucket", bucket);
      if (prefix != null) {
        source.put("s3_key_prefix", prefix);
      }
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("s3_bucket_source", source);
      args.put("input_format", format);
      args.put("input_compression_type", gzip ? "GZIP" : "NONE");
      args.put("table_creation_parameters", parameters);
      print(dynakit.call("import_table", args));
      return ExitCode.OK;
    }
  }
}
