package dev.runway;

import dev.runway.internal.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
    return Json.pretty(Json.problems(this));
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
