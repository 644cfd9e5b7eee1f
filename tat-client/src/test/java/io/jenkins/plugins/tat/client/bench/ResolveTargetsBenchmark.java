package io.jenkins.plugins.tat.client.bench;

import io.jenkins.plugins.tat.client.TatClient;
import io.jenkins.plugins.tat.client.auth.ApiKey;
import io.jenkins.plugins.tat.client.emulator.FleetInstance;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import io.jenkins.plugins.tat.client.targets.CvmInstancesByTags;
import io.jenkins.plugins.tat.client.targets.LighthouseInstancesByTags;
import io.jenkins.plugins.tat.client.targets.ManagedInstancesByTags;
import io.jenkins.plugins.tat.client.targets.ResolvedTargets;
import io.jenkins.plugins.tat.client.targets.ScalingGroupInstances;
import io.jenkins.plugins.tat.client.targets.TagTerm;
import io.jenkins.plugins.tat.client.targets.TargetResolver;
import io.jenkins.plugins.tat.client.targets.TargetSelector;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What resolving a fleet costs: N instances (default 1,000) of each kind tagged {@code app=web}
 * (plus as many untagged ones, and 2% of the tagged ones stopped), and N CVM instances in 10
 * scaling groups, resolved through {@link TargetResolver} against one emulator with the default
 * rate limiters (20 requests a second per service, key and region: under CVM's 40, Lighthouse's
 * 100 and Auto Scaling's 40). Prints, per selector, the requests each service received and the
 * time taken, twice (the first round includes the JVM's warm-up). The target is at most about 25 requests per 1,000 instances within each service's
 * quota (docs/dev/protocol.md §10).
 *
 * <p>Options: {@code --instances N} (default 1000).
 *
 * <p>Run (see CONTRIBUTING.md): {@code ./mvnw -f tat-client/pom.xml test-compile
 * org.codehaus.mojo:exec-maven-plugin:3.6.3:exec -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-cp %classpath io.jenkins.plugins.tat.client.bench.ResolveTargetsBenchmark"}
 */
public final class ResolveTargetsBenchmark {

    private static final String SECRET_ID = "AKIDresolveBench0001";
    private static final String SECRET_KEY = "resolveBenchSecretKey";

    private ResolveTargetsBenchmark() {}

    /**
     * @param args see the class comment
     * @throws Exception if a resolution fails
     */
    public static void main(String[] args) throws Exception {
        int n = Options.number(args, "--instances", 1000);
        try (TatEmulator emu = TatEmulator.start().keepConnectionsOpen(true).account(SECRET_ID, SECRET_KEY)) {
            for (int i = 0; i < n; i++) {
                String state = i % 50 == 7 ? "STOPPED" : "RUNNING";
                emu.fleetInstance(FleetInstance.cvm(String.format("ins-c%07d", i)).tag("app", "web").state(state));
                emu.fleetInstance(FleetInstance.cvm(String.format("ins-o%07d", i)).tag("app", "api"));
                emu.fleetInstance(FleetInstance.lighthouse(String.format("lhins-l%07d", i)).tag("app", "web")
                        .state(state));
                emu.fleetInstance(FleetInstance.managed(String.format("rins-m%07d", i)).tag("app", "web")
                        .state(i % 50 == 7 ? "Offline" : "Online"));
                emu.fleetInstance(FleetInstance.cvm(String.format("ins-g%07d", i))
                        .scalingGroup(String.format("asg-grp%05d", i % 10), i % 50 == 7 ? "STOPPED" : "IN_SERVICE"));
            }
            TargetResolver resolver = TargetResolver.of(TatClient.builder().credential(new ApiKey(SECRET_ID, SECRET_KEY))
                    .region("ap-guangzhou").endpoint(emu.endpoint()).requestTimeout(Duration.ofSeconds(30)));
            List<String> groups = new java.util.ArrayList<>();
            for (int g = 0; g < 10; g++) {
                groups.add(String.format("asg-grp%05d", g));
            }
            Map<String, TargetSelector> selectors = new java.util.LinkedHashMap<>();
            selectors.put("CVM by tag", CvmInstancesByTags.of(TagTerm.of("app", "web")));
            selectors.put("Lighthouse by tag", LighthouseInstancesByTags.of(TagTerm.of("app", "web")));
            selectors.put("managed by tag", ManagedInstancesByTags.of(TagTerm.of("app", "web")));
            selectors.put("10 scaling groups", new ScalingGroupInstances(groups));
            System.out.printf("Resolving %d instances per selector (%d listed in all)%n", n, 5 * n);
            for (int round = 1; round <= 2; round++) {
            System.out.println(round == 1 ? "Round 1 (cold JVM):" : "Round 2 (warm):");
                for (Map.Entry<String, TargetSelector> entry : selectors.entrySet()) {
                    int before = emu.requests().size();
                    long start = System.nanoTime();
                    ResolvedTargets resolved = resolver.resolve(entry.getValue(), false);
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    List<RecordedRequest> requests = emu.requests().subList(before, emu.requests().size());
                    Map<String, Integer> perService = new TreeMap<>();
                    requests.forEach(r -> perService.merge(r.service() + " " + r.action(), 1, Integer::sum));
                    System.out.printf("%-18s matched %5d, to run on %5d, skipped %3d | %3d requests %s | %5d ms%n",
                            entry.getKey(), resolved.matched(), resolved.instances().size(), resolved.skipped().size(),
                            requests.size(), perService, millis);
                }
            }
        }
    }
}
