package io.uxp.cli;

import io.uxp.cli.relay.ImpairmentSpec;
import io.uxp.cli.relay.UdpRelay;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code uxp relay}: a UDP impairment relay between clients and one upstream. */
@Command(name = "relay", mixinStandardHelpOptions = true,
        description = {"Forward UDP both ways between clients and one upstream, impairing the traffic.",
            "Each direction is impaired independently with a seeded random source; what was done is printed "
                + "on exit (after --duration, or on Ctrl-C / SIGTERM)."})
final class RelayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT",
            converter = Converters.EndpointConverter.class, description = "Where clients send to.")
    InetSocketAddress listen;

    @Option(names = "--forward", required = true, paramLabel = "HOST:PORT",
            converter = Converters.EndpointConverter.class, description = "The upstream (server).")
    InetSocketAddress forward;

    @Mixin
    ImpairmentOptions impairmentOptions;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: random, printed at start).")
    Long seed;

    @Option(names = "--duration", paramLabel = "D", converter = Converters.PositiveDurationConverter.class,
            description = "Stop after this long (default: run until interrupted).")
    Duration duration;

    @Option(names = "--rebind-every", paramLabel = "D", converter = Converters.PositiveDurationConverter.class,
            description = {"Every D, move each client's upstream socket to a new port, as a NAT that rebinds "
                + "its mappings: the server sees its clients come from new addresses (UXP validates a new "
                + "address and follows it). Default: never."})
    Duration rebindEvery;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ImpairmentSpec impairment = impairmentOptions.spec();
        long s = seed != null ? seed : new SecureRandom().nextLong();
        UdpRelay relay = UdpRelay.start(listen, forward, impairment, s, rebindEvery);
        out.printf("relay %s -> %s (%s, seed %d%s)%n", Args.print(relay.listenAddress()), Args.print(forward),
                impairment, s, rebindEvery == null ? "" : ", rebinding upstream ports every " + rebindEvery.toMillis() + " ms");
        out.flush();
        AtomicBoolean reported = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            if (reported.compareAndSet(false, true)) {
                relay.close();
                out.println(relay.report());
                out.flush();
            }
            stopped.countDown();
        };
        Thread hook = new Thread(stop, "uxp-relay-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (duration != null) {
            stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } else {
            stopped.await();
        }
        stop.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: nothing to remove
        }
        return Main.Exit.OK;
    }
}
