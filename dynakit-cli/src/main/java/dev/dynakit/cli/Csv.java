package dev.dynakit.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: fields quoted when they hold a comma, a quote or a line break. */
final class Csv {
  private Csv() {}

  static String row(List<String> fields) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      String field = fields.get(i);
      if (field.indexOf(',') >= 0
          || field.indexOf('"') >= 0
          || field.indexOf('\n') >= 0
          || field.indexOf('\r') >= 0) {
        line.append('"').append(field.replace("\"", "\"\"")).append('"');
      } else {
        line.append(field);
      }
    }
    return line.toString();
  }

  /** Reads CSV rows one at a time. */
  static final class RowReader {
    private final Reader in;
    private int line = 1;

    RowReader(Reader in) {
      this.in = in;
    }

    /** The line the next row starts on. */
    int line() {
      return line;
    }

    /** The next row, or {@code null} at the end. */
    List<String> next() throws IOException {
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean any = false;
      int c;
      while ((c = in.read()) >= 0) {
        any = true;
        if (quoted) {
          if (c == '"') {
            in.mark(1);
            int after = in.read();
            if (after == '"') {
              field.append('"');
            } else {
              quoted = false;
              if (after >= 0) {
                in.reset();
              }
            }
          } else {
            if (c == '\n') {
              line++;
            }
            field.append((char) c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          fields.add(field.toString());
          field.setLength(0);
        } else if (c == '\n') {
          line++;
          break;
        } else if (c != '\r') {
          field.append((char) c);
        }
      }
      if (!any) {
        return null;
      }
      if (quoted) {
        throw new UsageException("CSV: a quoted field is not closed before the end of the input");
      }
      fields.add(field.toString());
      return fields;
    }
  }
}
