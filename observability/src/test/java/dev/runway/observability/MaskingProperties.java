package dev.runway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.runway.observability.internal.MaskingAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * Random secrets (values and keys of every built-in format) placed in random parts of random log
 * events: none may reach an appender below the masking appender, nor the JSON written, in any
 * {@link JsonLogFormat} (the MDC holds a trace id so ECS and GELF map it too).
 */
class MaskingProperties {
  /** One log call: where the secrets go. */
  record Shape(String template, List<String> args, Map<String, String> mdc, String kvValue, String exceptionMessage,
      String causeMessage, boolean withException) {}

  @Provide
  Arbitrary<List<String>> secrets() {
    Arbitrary<String> value = Arbitraries.strings()
        .withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/@!#$%^&()+= ")
        .ofMinLength(8).ofMaxLength(40);
    Arbitrary<String> alnum = Arbitraries.strings().alpha().numeric().ofLength(32);
    Arbitrary<String> key = Combinators.combine(
        Arbitraries.of("sk-proj-", "sk-ant-", "llx-", "sbp_", "rnd_", "ghp_", "sk_live_", "sb_secret_"), alnum)
        .as(String::concat);
    return Arbitraries.oneOf(value, key).list().ofMinSize(1).ofMaxSize(20);
  }

  @Property(tries = 200)
  void noSecretReachesAnyAppender(@ForAll("secrets") List<String> secrets, @ForAll("fillers") List<String> filler,
      @ForAll("picks") List<Integer> picks, @ForAll JsonLogFormat format) {
    List<String> values = secrets.stream().filter(s -> s.length() >= Masker.MIN_SECRET_LENGTH).toList();
    // the env-loaded secrets are the plain values; keys are found by their shape alone
    // Keys that were not loaded are recognised by shape as whole words, so they stand between
    // separators; loaded values are masked wherever they stand, glued to anything.
    Masker.Builder builder = Masker.builder();
    List<String> placed = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (i % 2 == 0 || !looksLikeKey(v)) {
        builder.secret(v);
        placed.add(v);
      } else {
        placed.add(" " + v + " ");
      }
    }
    Shape shape = shape(placed, filler, picks);

    try (TestLogs logs = new TestLogs()) {
      Logging logging = logs.logging().format(Logging.Format.JSON).jsonFormat(format).masker(builder.build()).install();
      Capture capture = new Capture();
      capture.setContext(logs.context);
      capture.start();
      ((MaskingAppender) logs.context.getLogger("ROOT").getAppender("RUNWAY_MASK")).addAppender(capture);

      Logger log = logs.logger("com.acme.Random");
      shape.mdc().forEach(MDC::put);
      try {
        var b = log.atError().setMessage(shape.template()).addKeyValue("detail", shape.kvValue());
        for (String a : shape.args()) b = b.addArgument(a);
        if (shape.withException()) {
          b = b.setCause(new IllegalStateException(shape.exceptionMessage(), new RuntimeException(shape.causeMessage())));
        }
        b.log();
      } finally {
        shape.mdc().keySet().forEach(MDC::remove);
      }
      logs.awaitLines(1);
      logging.close();

      List<String> seen = new ArrayList<>(capture.texts);
      seen.add(logs.text());
      for (String text : seen) {
        for (String secret : values) assertThat(text).as("secret %s", secret).doesNotContain(secret);
      }
    }
  }

  private static boolean looksLikeKey(String s) {
    return Masker.formatsOnly().mask(s).equals("****");
  }

  @Provide
  Arbitrary<List<String>> fillers() {
    return Arbitraries.strings().withChars("abcdefghij XYZ,;=:/\"{}\n").ofMaxLength(12).list().ofSize(8);
  }

  @Provide
  Arbitrary<List<Integer>> picks() {
    return Arbitraries.integers().between(0, 1000).list().ofSize(8);
  }

  private static Shape shape(List<String> secrets, List<String> filler, List<Integer> picks) {
    String s0 = secrets.get(picks.get(0) % secrets.size());
    String s1 = secrets.get(picks.get(1) % secrets.size());
    String s2 = secrets.get(picks.get(2) % secrets.size());
    String s3 = secrets.get(picks.get(3) % secrets.size());
    String s4 = secrets.get(picks.get(4) % secrets.size());
    String template = filler.get(0) + s0 + filler.get(1) + " {} " + filler.get(2) + " {}";
    List<String> args = List.of(filler.get(3) + s1, s2 + filler.get(4));
    Map<String, String> mdc = Map.of("requestId", "r-" + picks.get(5), "user", filler.get(5) + s3,
        "traceId", s2 + filler.get(7));
    return new Shape(template, args, mdc, s4, "bad: " + s1 + filler.get(6), s0 + " at " + filler.get(7),
        picks.get(6) % 2 == 0);
  }

  /** Records every text of each event it gets, through every accessor an appender might use. */
  static final class Capture extends AppenderBase<ILoggingEvent> {
    final List<String> texts = new ArrayList<>();

    @Override
    protected void append(ILoggingEvent e) {
      texts.add(e.getMessage());
      texts.add(e.getFormattedMessage());
      if (e.getArgumentArray() != null) for (Object a : e.getArgumentArray()) texts.add(String.valueOf(a));
      texts.add(String.valueOf(e.getMDCPropertyMap()));
      if (e.getKeyValuePairs() != null) e.getKeyValuePairs().forEach(kv -> texts.add(kv.key + "=" + kv.value));
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        texts.add(String.valueOf(t.getMessage()));
      }
    }
  }
}
