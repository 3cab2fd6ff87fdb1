package dev.dynakit.cli;

import dev.dynakit.client.Dynakit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code get}, {@code put} and {@code delete}: the adapter's verbs with {@code --args JSON}, or for
 * people {@code dynakit get TABLE ATTR=VALUE...} (see {@link Shorthand}); the key attributes take
 * the types the table declares.
 */
@Command(mixinStandardHelpOptions = true)
final class ItemCommand extends VerbCommand {
  @Parameters(
      arity = "0..*",
      paramLabel = "TABLE ATTR=VALUE",
      description =
          "Instead of --args: the table, then the key (get, delete) or the item (put) as ATTR=VALUE"
              + " pairs; ATTR:TYPE=VALUE forces a type (S, N, BOOL, NULL, B, JSON).")
  List<String> words = new ArrayList<>();

  ItemCommand(CliContext context, GlobalOptions options, String verb) {
    super(context, options, verb);
  }

  @Override
  void prepare() {
    if (args != null && !words.isEmpty()) {
      throw new UsageException(verb + ": give either --args JSON or TABLE ATTR=VALUE..., not both");
    }
    if (args == null && words.isEmpty()) {
      throw new UsageException(
          verb + ": give --args JSON, or TABLE and ATTR=VALUE pairs (dynakit " + verb + " --help)");
    }
    super.prepare();
  }

  @Override
  ExitCode run(Dynakit dynakit) {
    if (args != null) {
      return super.run(dynakit);
    }
    String table = words.get(0);
    Map<String, String> keyTypes = TableKey.of(dynakit, table);
    Map<String, Object> attributes = Shorthand.parse(words.subList(1, words.size()), keyTypes);
    for (Map.Entry<String, String> key : keyTypes.entrySet()) {
      if (!attributes.containsKey(key.getKey())) {
        throw new UsageException(
            verb
                + ": key attribute '"
                + key.getKey()
                + "' of table '"
                + table
                + "' is missing (its key: "
                + describe(keyTypes)
                + ")");
      }
    }
    Map<String, Object> arguments = new LinkedHashMap<>();
    arguments.put("table", table);
    if (verb.equals("put")) {
      arguments.put("item", attributes);
    } else {
      for (String name : attributes.keySet()) {
        if (!keyTypes.containsKey(name)) {
          throw new UsageException(
              verb
                  + ": '"
                  + name
                  + "' is not a key attribute of table '"
                  + table
                  + "' (its key: "
                  + describe(keyTypes)
                  + ")");
        }
      }
      arguments.put("key", attributes);
    }
    print(dynakit.call(verb, arguments));
    return ExitCode.OK;
  }

  private static String describe(Map<String, String> keyTypes) {
    List<String> parts = new ArrayList<>();
    keyTypes.forEach((name, type) -> parts.add(name + ":" + type));
    return String.join(", ", parts);
  }
}
