package dev.dynakit.expression.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** DynamoDB's reserved words, which may not stand bare as attribute names in expressions. */
public final class ReservedWords {
  private static final Set<String> WORDS = load();

  private ReservedWords() {}

  /** Whether {@code word} is reserved, in any case. */
  public static boolean isReserved(String word) {
    return WORDS.contains(word.toUpperCase(Locale.ROOT));
  }

  /** Every reserved word, upper case. */
  public static Set<String> all() {
    return WORDS;
  }

  private static Set<String> load() {
    String resource = "/dev/dynakit/expression/reserved-words.txt";
    try (InputStream in = ReservedWords.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      Set<String> words = new HashSet<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String word = line.strip();
        if (!word.isEmpty() && !word.startsWith("#")) {
          words.add(word.toUpperCase(Locale.ROOT));
        }
      }
      return Set.copyOf(words);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
