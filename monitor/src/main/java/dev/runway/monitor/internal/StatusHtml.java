package dev.runway.monitor.internal;

import dev.runway.monitor.DailyUptime;
import dev.runway.monitor.Incident;
import dev.runway.monitor.State;
import dev.runway.monitor.StatusReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Writes the status page. No script and no external asset (a Content-Security-Policy forbids
 * both), so it renders the same offline, from a file, or from any static host. Every state is a
 * word and a symbol as well as a colour, and bars differ in height too (up full, degraded 3/4,
 * down 1/2); each bar and chart has a title, and the chart's numbers are also in the text.
 */
public final class StatusHtml {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final int BAR_W = 8;
  private static final int BAR_GAP = 2;
  private static final int BAR_H = 34;
  private static final int CHART_W = 900;
  private static final int CHART_H = 120;

  private StatusHtml() {}

  public static String render(StatusReport r) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"generator\" content=\"Runway\">\n")
        .append("<title>").append(esc(r.title())).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
    State overall = r.overall();
    h.append("<header>\n<h1>").append(esc(r.title())).append("</h1>\n")
        .append("<p class=\"overall state-").append(overall.wire()).append("\" role=\"status\"><span aria-hidden=\"true\">")
        .append(symbol(overall)).append("</span> ").append(overallText(overall, r)).append("</p>\n")
        .append("<p class=\"updated\">Updated <time datetime=\"").append(r.generated()).append("\">")
        .append(WHEN.format(r.generated())).append("</time></p>\n</header>\n<main>\n");
    r.historyWarning().ifPresent(w -> h.append("<p class=\"warning\" role=\"alert\"><strong>History is in memory only:</strong> ")
        .append(esc(w)).append("</p>\n"));
    for (StatusReport.EndpointStatus e : r.endpoints()) endpoint(h, e, r.generated());
    incidents(h, r);
    h.append("</main>\n<footer><p>Uptime counts degraded checks as up; maintenance is not counted. Days are UTC.</p></footer>\n")
        .append("</body>\n</html>\n");
    return h.toString();
  }

  private static void endpoint(StringBuilder h, StatusReport.EndpointStatus e, Instant now) {
    String id = "ep-" + e.name();
    h.append("<section class=\"endpoint\" id=\"").append(esc(id)).append("\" aria-labelledby=\"").append(esc(id))
        .append("-h\">\n<h2 id=\"").append(esc(id)).append("-h\">").append(esc(e.name()));
    if (!e.service().equals(e.name())) h.append(" <small>").append(esc(e.service())).append("</small>");
    h.append(" <span class=\"badge state-").append(e.state().wire()).append("\"><span aria-hidden=\"true\">")
        .append(symbol(e.state())).append("</span> ").append(word(e.state())).append("</span></h2>\n");
    h.append("<p class=\"detail\">").append(esc(e.url()));
    if (e.lastChecked() != null) h.append(e.url().isEmpty() ? "" : " · ").append("last checked ").append(WHEN.format(e.lastChecked()));
    if (!e.message().isEmpty()) h.append(" · ").append(esc(e.message()));
    h.append("</p>\n<dl class=\"uptime\">")
        .append(dd("24 h", e.uptimeDay())).append(dd("7 days", e.uptime7())).append(dd("30 days", e.uptime30()))
        .append(dd("90 days", e.uptime90())).append("</dl>\n");
    bars(h, e, id);
    chart(h, e, id);
    h.append("</section>\n");
  }

  private static String dd(String label, double ratio) {
    return "<div><dt>" + label + "</dt><dd>" + percent(ratio) + "</dd></div>";
  }

  private static void bars(StringBuilder h, StatusReport.EndpointStatus e, String id) {
    List<DailyUptime> days = e.days();
    int width = days.size() * (BAR_W + BAR_GAP);
    h.append("<svg class=\"bars\" role=\"img\" aria-labelledby=\"").append(esc(id)).append("-bt\" viewBox=\"0 0 ")
        .append(width).append(' ').append(BAR_H).append("\" width=\"").append(width).append("\" height=\"").append(BAR_H)
        .append("\" preserveAspectRatio=\"none\">\n<title id=\"").append(esc(id)).append("-bt\">Daily uptime of ")
        .append(esc(e.name())).append(" over the last ").append(days.size()).append(" days: ").append(percent(e.uptime90()))
        .append("</title>\n");
    int x = 0;
    for (DailyUptime d : days) {
      String cls;
      int height;
      if (d.total() == 0) {
        cls = "none";
        height = BAR_H;
      } else if (d.down() > 0 && d.ratio() < 0.99) {
        cls = "down";
        height = BAR_H / 2;
      } else if (d.down() > 0 || d.degraded() * 20 > d.total()) { // any downtime, or over 5% degraded
        cls = "degraded";
        height = BAR_H * 3 / 4;
      } else {
        cls = "up";
        height = BAR_H;
      }
      h.append("<rect class=\"bar bar-").append(cls).append("\" x=\"").append(x).append("\" y=\"").append(BAR_H - height)
          .append("\" width=\"").append(BAR_W).append("\" height=\"").append(height).append("\"><title>").append(d.day())
          .append(": ").append(d.total() == 0 ? "no data" : percent(d.ratio()) + " up (" + d.up() + " up, " + d.degraded()
              + " degraded, " + d.down() + " down)").append("</title></rect>\n");
      x += BAR_W + BAR_GAP;
    }
    h.append("</svg>\n");
  }

  private static void chart(StringBuilder h, StatusReport.EndpointStatus e, String id) {
    List<StatusReport.Point> pts = e.points();
    String summary = e.p50() == null ? "no response times in the last 24 hours"
        : "median " + ms(e.p50()) + ", 95th percentile " + ms(e.p95()) + ", 99th percentile " + ms(e.p99())
            + (e.coldStarts() > 0 ? ", " + e.coldStarts() + " cold start" + (e.coldStarts() == 1 ? "" : "s") : "");
    h.append("<figure class=\"chart\">\n<svg role=\"img\" aria-labelledby=\"").append(esc(id)).append("-ct\" viewBox=\"0 0 ")
        .append(CHART_W).append(' ').append(CHART_H).append("\" width=\"").append(CHART_W).append("\" height=\"")
        .append(CHART_H).append("\" preserveAspectRatio=\"none\">\n<title id=\"").append(esc(id))
        .append("-ct\">Response time of ").append(esc(e.name())).append(" over the last 24 hours: ").append(summary)
        .append("</title>\n<rect class=\"plot\" x=\"0\" y=\"0\" width=\"").append(CHART_W).append("\" height=\"")
        .append(CHART_H).append("\"/>\n");
    if (!pts.isEmpty()) {
      double max = 1;
      for (StatusReport.Point p : pts) max = Math.max(max, p.millis());
      long start = e.points().get(0).at().toEpochMilli();
      long end = Math.max(start + 1, pts.get(pts.size() - 1).at().toEpochMilli());
      long span = Math.max(Duration.ofHours(24).toMillis(), end - start);
      long origin = end - span;
      StringBuilder line = new StringBuilder();
      for (StatusReport.Point p : pts) {
        double x = (p.at().toEpochMilli() - origin) * (CHART_W - 10.0) / span + 5;
        double y = CHART_H - 5 - p.millis() * (CHART_H - 20.0) / max;
        line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      h.append("<polyline class=\"line\" points=\"").append(line.toString().trim()).append("\"/>\n")
          .append("<text x=\"6\" y=\"14\" class=\"axis\">").append(Math.round(max)).append(" ms</text>\n");
    }
    h.append("</svg>\n<figcaption>").append(esc(summary)).append("</figcaption>\n</figure>\n");
  }

  private static void incidents(StringBuilder h, StatusReport r) {
    h.append("<section class=\"incidents\" aria-labelledby=\"incidents-h\">\n<h2 id=\"incidents-h\">Incidents</h2>\n");
    if (r.incidents().isEmpty()) {
      h.append("<p>No incidents in the last 90 days.</p>\n");
    } else {
      h.append("<ol>\n");
      for (Incident i : r.incidents()) {
        h.append("<li class=\"incident ").append(i.open() ? "open" : "resolved").append("\"><strong>")
            .append(i.open() ? "Open" : "Resolved").append(":</strong> ").append(esc(i.endpoint())).append(' ')
            .append(word(i.severity()).toLowerCase(Locale.ROOT)).append(" from <time datetime=\"").append(i.opened())
            .append("\">").append(WHEN.format(i.opened())).append("</time>");
        if (i.resolved().isPresent()) {
          h.append(" to <time datetime=\"").append(i.resolved().get()).append("\">").append(WHEN.format(i.resolved().get()))
              .append("</time> (").append(Alerts.human(i.duration(r.generated()))).append(')');
        } else {
          h.append(", for ").append(Alerts.human(i.duration(r.generated())));
        }
        h.append(" — ").append(esc(i.cause())).append("</li>\n");
      }
      h.append("</ol>\n");
    }
    h.append("</section>\n");
  }

  static String overallText(State s, StatusReport r) {
    return switch (s) {
      case DOWN -> "Some systems are down";
      case DEGRADED -> "Some systems are degraded";
      default -> r.endpoints().isEmpty() ? "No systems monitored" : "All systems operational";
    };
  }

  static String word(State s) {
    return switch (s) {
      case UP -> "Up";
      case DEGRADED -> "Degraded";
      case DOWN -> "Down";
      case MAINTENANCE -> "Maintenance";
    };
  }

  private static String symbol(State s) {
    return switch (s) {
      case UP -> "\u2713";
      case DEGRADED -> "\u25B2";
      case DOWN -> "\u2715";
      case MAINTENANCE -> "\u25CB";
    };
  }

  private static String percent(double ratio) {
    if (Double.isNaN(ratio)) return "no data";
    double p = ratio * 100;
    return p >= 99.995 ? "100%" : String.format(Locale.ROOT, "%.2f%%", p);
  }

  private static String ms(Duration d) {
    return d.toMillis() >= 10 ? d.toMillis() + " ms" : String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static final String CSS = """
      :root{--up:#1a7f37;--degraded:#b35900;--down:#c62828;--none:#c9ced6;--fg:#1f2328;--muted:#59636e;--bg:#fff}
      @media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--none:#3d444d}}
      body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:960px;padding:24px}
      h1{margin:0 0 8px}h2{font-size:1.2em;margin:0 0 4px}h2 small{color:var(--muted);font-weight:normal}
      .overall{font-size:1.2em;font-weight:600;padding:12px 16px;border-radius:6px;color:#fff}
      .overall.state-up{background:var(--up)}.overall.state-degraded{background:var(--degraded)}.overall.state-down{background:var(--down)}
      .overall.state-maintenance{background:var(--muted)}
      .updated,.detail,figcaption,footer{color:var(--muted);font-size:.9em}
      .warning{border:2px solid var(--degraded);padding:8px 12px;border-radius:6px}
      .endpoint{border:1px solid var(--none);border-radius:8px;padding:16px;margin:16px 0}
      .badge{font-size:.8em;padding:2px 8px;border-radius:12px;color:#fff;vertical-align:middle}
      .state-up.badge{background:var(--up)}.state-degraded.badge{background:var(--degraded)}
      .state-down.badge{background:var(--down)}.state-maintenance.badge{background:var(--muted)}
      .uptime{display:flex;gap:24px;margin:8px 0}.uptime dt{color:var(--muted);font-size:.8em}.uptime dd{margin:0;font-weight:600}
      svg{display:block;max-width:100%;height:auto}
      .bar-up{fill:var(--up)}.bar-degraded{fill:var(--degraded)}.bar-down{fill:var(--down)}.bar-none{fill:var(--none)}
      .chart{margin:12px 0 0}.plot{fill:none;stroke:var(--none)}
      .line{fill:none;stroke:#0969da;stroke-width:2}.axis{fill:var(--muted);font-size:11px}
      .incident.open strong{color:var(--down)}
      """;
}
