package dev.runway.monitor.internal;

import tools.jackson.databind.json.JsonMapper;
import dev.runway.monitor.DailyUptime;
import dev.runway.monitor.Incident;
import dev.runway.monitor.StatusReport;
import java.time.Duration;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The status report for machines; uptime values are ratios, null where there was no check. */
public final class StatusJson {
  private StatusJson() {}

  public static String render(StatusReport r) {
    ObjectNode root = JsonMapper.shared().createObjectNode();
    root.put("title", r.title());
    root.put("generated", r.generated().toString());
    root.put("status", r.overall().wire());
    r.historyWarning().ifPresent(w -> root.put("historyWarning", w));
    ArrayNode eps = root.putArray("endpoints");
    for (StatusReport.EndpointStatus e : r.endpoints()) {
      ObjectNode n = eps.addObject();
      n.put("name", e.name());
      n.put("service", e.service());
      if (!e.url().isEmpty()) n.put("url", e.url());
      n.put("status", e.state().wire());
      if (e.lastChecked() != null) n.put("lastChecked", e.lastChecked().toString());
      n.put("message", e.message());
      ObjectNode up = n.putObject("uptime");
      ratio(up, "day", e.uptimeDay());
      ratio(up, "7d", e.uptime7());
      ratio(up, "30d", e.uptime30());
      ratio(up, "90d", e.uptime90());
      ObjectNode rt = n.putObject("responseTimeMs");
      ms(rt, "p50", e.p50());
      ms(rt, "p95", e.p95());
      ms(rt, "p99", e.p99());
      n.put("coldStarts24h", e.coldStarts());
      ArrayNode days = n.putArray("days");
      for (DailyUptime d : e.days()) {
        ObjectNode dn = days.addObject();
        dn.put("day", d.day().toString());
        dn.put("up", d.up());
        dn.put("degraded", d.degraded());
        dn.put("down", d.down());
      }
    }
    ArrayNode inc = root.putArray("incidents");
    for (Incident i : r.incidents()) {
      ObjectNode n = inc.addObject();
      n.put("id", i.id());
      n.put("endpoint", i.endpoint());
      n.put("severity", i.severity().wire());
      n.put("opened", i.opened().toString());
      if (i.resolved().isPresent()) n.put("resolved", i.resolved().get().toString());
      else n.putNull("resolved");
      n.put("cause", i.cause());
    }
    return JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  private static void ratio(ObjectNode n, String key, double v) {
    if (Double.isNaN(v)) n.putNull(key);
    else n.put(key, Math.round(v * 1_000_000) / 1_000_000.0);
  }

  private static void ms(ObjectNode n, String key, @org.jspecify.annotations.Nullable Duration d) {
    if (d == null) n.putNull(key);
    else n.put(key, Math.round(d.toNanos() / 1e3) / 1e3);
  }
}
