package dev.runway.spring.internal;

import dev.runway.health.Group;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.StatusAggregator;

/** Spring Boot 3's health API ({@code org.springframework.boot.actuate.health}). Keep in step with Boot4Health. */
public final class Boot3Health {
  private Boot3Health() {}

  /** One indicator per probe registered in {@code group}. */
  public static CompositeHealthContributor composite(RunwayProbes probes, Group group) {
    Map<String, HealthContributor> children = new LinkedHashMap<>();
    for (String name : probes.own(group)) {
      children.put(name, (HealthIndicator) () -> {
        RunwayProbes.State s = probes.state(group, name);
        return (s.up() ? Health.up() : Health.down()).withDetails(s.details()).build();
      });
    }
    return CompositeHealthContributor.fromMap(children);
  }

  /** Adds the composites to the liveness and readiness groups, creating a group Actuator lacks. */
  public static HealthEndpointGroupsPostProcessor groups() {
    return groups -> {
      Map<String, HealthEndpointGroup> all = new LinkedHashMap<>();
      for (String name : groups.getNames()) all.put(name, groups.get(name));
      RunwayProbes.GROUP_MEMBERS.forEach((group, ours) ->
          all.put(group, new Extended(all.get(group), groups.getPrimary(), RunwayProbes.AVAILABILITY_STATE.get(group), ours)));
      return HealthEndpointGroups.of(groups.getPrimary(), all);
    };
  }

  /** A group with Runway's composites as members too; without a group of Actuator's, one like the primary. */
  private static final class Extended implements HealthEndpointGroup {
    private final @Nullable HealthEndpointGroup group;
    private final HealthEndpointGroup settings;
    private final String availability;
    private final Set<String> ours;

    Extended(@Nullable HealthEndpointGroup group, HealthEndpointGroup primary, String availability, Set<String> ours) {
      this.group = group;
      this.settings = group != null ? group : primary;
      this.availability = availability;
      this.ours = ours;
    }

    @Override
    public boolean isMember(String name) {
      if (RunwayProbes.isOneOf(name, ours)) return true;
      return group != null ? group.isMember(name) : name.equals(availability);
    }

    @Override
    public boolean showComponents(SecurityContext securityContext) {
      return settings.showComponents(securityContext);
    }

    @Override
    public boolean showDetails(SecurityContext securityContext) {
      return settings.showDetails(securityContext);
    }

    @Override
    public StatusAggregator getStatusAggregator() {
      return settings.getStatusAggregator();
    }

    @Override
    public HttpCodeStatusMapper getHttpCodeStatusMapper() {
      return settings.getHttpCodeStatusMapper();
    }

    @Override
    public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
      return group != null ? group.getAdditionalPath() : null;
    }
  }
}
