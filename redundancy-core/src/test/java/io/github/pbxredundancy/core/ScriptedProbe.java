package io.github.pbxredundancy.core;

import io.github.pbxredundancy.core.spi.LivenessProbe;
import io.github.pbxredundancy.core.spi.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A {@link LivenessProbe} that answers from a script by call number (0, 1, ...) and remembers
 * when, by the clock, each call came and which timeout it was given. The script may throw or
 * block. Thread-safe.
 */
final class ScriptedProbe implements LivenessProbe {
    static final ProbeResult SILENT = new ProbeResult.NoAnswer("no answer to a TCP connect within 2 s");
    static final ProbeResult CANNOT_TELL = new ProbeResult.Unknown("ICMP not permitted");

    private final String name;
    private final Clock clock;
    private final IntFunction<ProbeResult> script;
    private final List<Instant> calls = new ArrayList<>();
    private final List<Duration> timeouts = new ArrayList<>();

    ScriptedProbe(String name, Clock clock, IntFunction<ProbeResult> script) {
        this.name = name;
        this.clock = clock;
        this.script = script;
    }

    /** Always the same answer. */
    static ScriptedProbe always(String name, Clock clock, ProbeResult result) {
        return new ScriptedProbe(name, clock, call -> result);
    }

    /** No answer, except {@code result} from call {@code call} on. */
    static ScriptedProbe silentUntil(String name, Clock clock, int call, ProbeResult result) {
        return new ScriptedProbe(name, clock, n -> n >= call ? result : SILENT);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ProbeResult probe(Duration timeout) {
        int call;
        synchronized (this) {
            call = calls.size();
            calls.add(clock.instant());
            timeouts.add(timeout);
        }
        return script.apply(call);
    }

    synchronized List<Instant> calls() {
        return List.copyOf(calls);
    }

    synchronized List<Duration> timeouts() {
        return List.copyOf(timeouts);
    }

    @Override
    public String toString() {
        return name;
    }
}
