package dev.runway.render;

import java.util.Locale;
import java.util.Optional;

/**
 * Render's instance types for services, with their limits. The free plan spins down after 15
 * minutes without inbound traffic (the next request waits for a cold start, typically tens of
 * seconds), and the free services of a workspace share 750 instance hours a month; free services
 * have no persistent disk, no scaling and a single instance.
 *
 * <p>Health checks during a deploy: Render starts the new instance, sends requests to
 * {@code healthCheckPath} and moves traffic only once it answers 2xx/3xx; if it never does, the
 * deploy ends {@code update_failed} and the previous deploy keeps serving (zero-downtime deploys).
 */
public enum RenderPlan {
  FREE("free", 512, 0.1, true),
  STARTER("starter", 512, 0.5, false),
  STANDARD("standard", 2048, 1, false),
  PRO("pro", 4096, 2, false),
  PRO_PLUS("pro plus", 8192, 4, false),
  PRO_MAX("pro max", 16384, 4, false),
  PRO_ULTRA("pro ultra", 32768, 8, false);

  /** Idle minutes after which a free web service spins down. */
  public static final int FREE_IDLE_MINUTES = 15;
  /** Free instance hours a workspace gets each month, shared by its free services. */
  public static final int FREE_HOURS_PER_MONTH = 750;

  private final String wire;
  private final int memoryMb;
  private final double cpu;
  private final boolean spinsDown;

  RenderPlan(String wire, int memoryMb, double cpu, boolean spinsDown) {
    this.wire = wire;
    this.memoryMb = memoryMb;
    this.cpu = cpu;
    this.spinsDown = spinsDown;
  }

  /** The plan as render.yaml writes it. */
  public String wire() { return wire; }

  public int memoryMb() { return memoryMb; }

  public double cpu() { return cpu; }

  /** Whether the service stops after {@link #FREE_IDLE_MINUTES} idle minutes. */
  public boolean spinsDown() { return spinsDown; }

  /** Persistent disks, scaling and more than one instance need a paid plan. */
  public boolean allowsDiskAndScaling() { return this != FREE; }

  /** The plan of a render.yaml word. */
  public static Optional<RenderPlan> of(String word) {
    String w = word.trim().toLowerCase(Locale.ROOT);
    for (RenderPlan p : values()) if (p.wire.equals(w)) return Optional.of(p);
    return Optional.empty();
  }
}
