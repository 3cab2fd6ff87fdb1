package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import java.time.Clock;
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
    description = "On-demand backups: create, list, describe, delete, restore.",
    subcommands = {
      BackupCommand.Create.class,
      BackupCommand.ListBackups.class,
      BackupCommand.Describe.class,
      BackupCommand.Delete.class,
      BackupCommand.Restore.class
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
                      .format(context.clock().instant().atZone(Clock.systemUTC().getZone()));
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
}
