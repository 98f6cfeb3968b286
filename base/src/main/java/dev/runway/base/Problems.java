package dev.runway.base;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Every problem a check found, sorted by origin (file, then line; then other origins such as
 * {@code process env}; problems without an origin last), then subject.
 *
 * <p>Render it for people with {@link #toText()} or for machines with {@link #toJson()}, or turn
 * errors into one exception with {@link #orThrow()}. Warnings never fail. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * Problems problems = schema.validate(PRODUCTION, sources).problems();
 * problems.orThrow();   // throws ValidationFailed listing every error, or returns quietly
 * }</pre>
 */
public final class Problems {
  private static final Comparator<Problem> ORDER =
      Comparator.<Problem, String>comparing(p -> p.origin().flatMap(Origin::path).map(Object::toString).orElse("\uffff"))
          .thenComparingInt(p -> p.origin().map(Origin::line).orElse(0))
          .thenComparing(p -> p.origin().map(Origin::toString).orElse("\uffff"))
          .thenComparing(Problem::subject)
          .thenComparing(Problem::code);

  private static final Problems NONE = new Problems(List.of());

  private final List<Problem> problems;

  private Problems(List<Problem> sorted) {
    this.problems = sorted;
  }

  /** The problems, sorted; duplicates (the same problem found twice) are kept once. */
  public static Problems of(List<Problem> problems) {
    List<Problem> sorted = new ArrayList<>(problems.stream().distinct().toList());
    sorted.sort(ORDER);
    return sorted.isEmpty() ? NONE : new Problems(List.copyOf(sorted));
  }

  public static Problems none() {
    return NONE;
  }

  /** These problems and those. */
  public Problems and(Problems other) {
    List<Problem> all = new ArrayList<>(problems);
    all.addAll(other.problems);
    return of(all);
  }

  public List<Problem> all() {
    return problems;
  }

  public List<Problem> errors() {
    return filter(Problem::isError);
  }

  public List<Problem> warnings() {
    return filter(p -> !p.isError());
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /** Throws {@link RunwayException.ValidationFailed} listing every error, when there is one. */
  public void orThrow() {
    if (hasErrors()) throw new RunwayException.ValidationFailed(of(errors()));
  }

  /** One line per problem: {@code error MISSING .env.production:3: PORT: ...}. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    for (Problem p : problems) {
      if (sb.length() > 0) sb.append('\n');
      sb.append(p.isError() ? "error   " : "warning ").append(p.code()).append(' ').append(p.text());
    }
    return sb.toString();
  }

  /** A JSON array of problems with every field, for CI and other machines. */
  public String toJson() {
    List<Object> array = new ArrayList<>();
    for (Problem p : problems) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("code", p.code());
      node.put("severity", p.severity().name().toLowerCase(Locale.ROOT));
      node.put("subject", p.subject());
      p.environment().ifPresent(e -> node.put("environment", e));
      p.origin().ifPresent(o -> {
        node.put("origin", o.toString());
        o.path().ifPresent(path -> node.put("file", path.toString()));
        if (o.line() > 0) node.put("line", o.line());
      });
      node.put("message", p.message());
      p.expected().ifPresent(e -> node.put("expected", e));
      p.fix().ifPresent(f -> node.put("fix", f));
      node.put("text", p.text());
      array.add(node);
    }
    return new JsonWriter(256 * problems.size() + 2).any(array).toString();
  }

  private List<Problem> filter(Predicate<Problem> predicate) {
    return problems.stream().filter(predicate).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Problems other && problems.equals(other.problems);
  }

  @Override
  public int hashCode() {
    return Objects.hash(problems);
  }

  @Override
  public String toString() {
    return toText();
  }
}
