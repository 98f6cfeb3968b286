package dev.runway.supabase.internal;

import dev.runway.health.Result;
import dev.runway.health.Status;
import java.util.Map;

/** Maps the checks' outcomes onto core's health results, one to one. */
public final class Results {
  private Results() {}

  public static Result of(Outcome o) {
    Result r = Result.of(Status.valueOf(o.level().name()), o.message());
    for (Map.Entry<String, Object> e : o.details().entrySet()) r = r.withDetail(e.getKey(), e.getValue());
    if (o.details().get("percent") instanceof Number n) r = r.withObserved(n.doubleValue(), "%");
    return r;
  }
}
