package io.jenkins.plugins.tat.client.demo;

import io.jenkins.plugins.tat.client.emulator.EmulatedCommand;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.TaskScript;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The TAT emulator dressed up for a demo with no Tencent Cloud account: one demo API key, two
 * saved commands and four emulated CVM instances in {@code ap-guangzhou}, whose tasks run for a
 * few seconds and print a few lines each (the deployment prints the {@code version} it was given).
 * Three succeed; on {@code ins-demo0004} both commands fail, to show what a failed task does to a
 * build.
 *
 * <p>{@code mvn -Pdemo hpi:run} starts it in its own JVM from the test class path (it is never
 * packaged in the plugin) on {@code 127.0.0.1:18090}, beside a Jenkins that uses it as its TAT
 * endpoint. Run by hand: {@code java -cp <test class path> io.jenkins.plugins.tat.client.demo.DemoEmulator [port]}.
 */
public final class DemoEmulator {

    /** The demo key; only this emulator accepts it. */
    public static final String SECRET_ID = "AKIDtatDemo00000000000000000000000001";

    /** Not a secret: it is printed in the README. It still never shows in a build log. */
    public static final String SECRET_KEY = "tat-demo-secret-key-not-for-real-use";

    /** The region the demo instances are in. */
    public static final String REGION = "ap-guangzhou";

    /** A saved command with a {@code version} parameter. */
    public static final String DEPLOY_COMMAND = "cmd-demo0001";

    /** A saved command without parameters. */
    public static final String HEALTH_COMMAND = "cmd-demo0002";

    /** The instances whose tasks succeed. */
    public static final List<String> HEALTHY_INSTANCES = List.of("ins-demo0001", "ins-demo0002", "ins-demo0003");

    /** The instance whose tasks fail with exit code 3. */
    public static final String FAILING_INSTANCE = "ins-demo0004";

    /** The port {@code mvn -Pdemo hpi:run} uses. */
    public static final int DEFAULT_PORT = 18090;

    private DemoEmulator() {}

    /**
     * Starts the demo emulator.
     *
     * @param port the port on 127.0.0.1, or 0 for an ephemeral one
     * @return the running emulator
     */
    public static TatEmulator start(int port) {
        TatEmulator emu = TatEmulator.start(port).account(SECRET_ID, SECRET_KEY);
        emu.command(EmulatedCommand.builder(DEPLOY_COMMAND).name("deploy-web")
                .description("Deploys a release of the web application")
                .content("#!/bin/bash\nset -e\n/opt/app/deploy.sh \"{{version}}\"\n")
                .enableParameter(true).defaultParameter("version", "1.0.0")
                .timeout(300).build());
        emu.command(EmulatedCommand.builder(HEALTH_COMMAND).name("health-check")
                .description("Checks that the web application answers")
                .content("#!/bin/bash\ncurl -fsS http://127.0.0.1:8080/health\n")
                .timeout(60).build());
        int n = 0;
        for (String id : HEALTHY_INSTANCES) {
            emu.instance(EmulatedInstance.cvm(id));
            emu.script(DEPLOY_COMMAND, id, TaskScript.success().pendingFor(Duration.ofSeconds(1))
                    .runningFor(Duration.ofSeconds(3 + 2L * n++))
                    .output(lines(id + ": fetching release {{version}}",
                            id + ": stopping web.service",
                            id + ": installing release {{version}}",
                            id + ": starting web.service",
                            id + ": web.service is up, version {{version}}")));
            emu.script(HEALTH_COMMAND, id, TaskScript.success().runningFor(Duration.ofSeconds(1 + n))
                    .output(lines("HTTP 200 OK from " + id + ": {\"status\":\"UP\"}")));
        }
        emu.instance(EmulatedInstance.cvm(FAILING_INSTANCE));
        emu.script(DEPLOY_COMMAND, FAILING_INSTANCE, TaskScript.failure(3).pendingFor(Duration.ofSeconds(1))
                .runningFor(Duration.ofSeconds(4))
                .output(lines(FAILING_INSTANCE + ": fetching release {{version}}",
                        FAILING_INSTANCE + ": error: no space left on device (/opt is 100% full)")));
        emu.script(HEALTH_COMMAND, FAILING_INSTANCE, TaskScript.failure(7).runningFor(Duration.ofSeconds(2))
                .output(lines("curl: (7) Failed to connect to 127.0.0.1 port 8080: Connection refused")));
        return emu;
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /**
     * Runs the demo emulator until the process is stopped.
     *
     * @param args an optional port (default {@value #DEFAULT_PORT})
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_PORT;
        TatEmulator emu = start(port);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("TAT demo emulator on " + emu.endpoint() + " (loopback only): key " + SECRET_ID
                + ", region " + REGION + ", commands " + DEPLOY_COMMAND + " (deploy-web) and " + HEALTH_COMMAND
                + " (health-check), instances " + String.join(" ", HEALTHY_INSTANCES) + " and " + FAILING_INSTANCE
                + " (fails)");
        Runtime.getRuntime().addShutdownHook(new Thread(emu::close, "tat-demo-emulator-stop"));
        new CountDownLatch(1).await();
    }
}
