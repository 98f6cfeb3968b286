package dev.runway.cli;

import dev.runway.base.Problems;
import dev.runway.base.internal.Printable;
import tools.jackson.databind.json.JsonMapper;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import tools.jackson.databind.node.ObjectNode;

/** How subcommands print a list of problems, as text or JSON; and the guard on what reaches a terminal. */
final class Output {
  private Output() {}

  static void problems(PrintWriter out, ModelOptions.Format format, String subject, Problems problems) {
    String shown = Printable.escape(subject);   // a file name given on the command line
    if (format == ModelOptions.Format.json) {
      ObjectNode node = JsonMapper.shared().createObjectNode();
      node.put("subject", shown);
      node.put("valid", !problems.hasErrors());
      node.set("problems", JsonMapper.shared().readTree(problems.toJson()));
      out.println(JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } else {
      int errors = problems.errors().size();
      int warnings = problems.warnings().size();
      out.println(shown + ": " + (errors == 0 ? "ok" : "problems found") + " (" + errors
          + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning)" : " warnings)"));
      for (String line : problems.toText().split("\n")) if (!line.isEmpty()) out.println("  " + Printable.escape(line));
    }
    out.flush();
  }

  /**
   * {@code out}, guarded: a control character (ESC, BEL, a lone CR, C1) or a Unicode bidi control
   * written to it arrives as a visible escape (<code>&#92;u001b</code>, <code>&#92;u202e</code>), line feeds, CRLF and
   * tabs as they are. Messages escape what they quote already; this is the net under every line
   * the CLI prints, so no file name, value or vendor answer can recolour, clear or reorder the
   * reader's terminal. In JSON output the escape is JSON's own, so the document means the same.
   */
  static PrintWriter terminal(PrintWriter out) {
    if (out instanceof Guarded) return out;
    return new Guarded(new Escaping(out));
  }

  private static final class Guarded extends PrintWriter {
    Guarded(Writer w) {
      super(w, true);
    }
  }

  /** Escapes per character; a CR is held back until the next character says whether it ends a line. */
  private static final class Escaping extends FilterWriter {
    private boolean carriageReturn;

    Escaping(Writer out) {
      super(out);
    }

    @Override
    public void write(int c) throws IOException {
      char ch = (char) c;
      if (carriageReturn) {
        carriageReturn = false;
        out.write(ch == '\n' ? "\r" : "\\r");
      }
      if (ch == '\r') {
        carriageReturn = true;
      } else if (ch == '\n' || ch == '\t' || !Printable.isUnsafe(ch)) {
        out.write(ch);
      } else {
        out.write(Printable.escape(String.valueOf(ch)));
      }
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) write(buf[i]);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
      for (int i = off; i < off + len; i++) write(str.charAt(i));
    }

    @Override
    public void close() throws IOException {
      if (carriageReturn) out.write("\\r");
      carriageReturn = false;
      super.close();
    }
  }
}
