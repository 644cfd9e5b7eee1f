package io.jenkins.plugins.tat.client.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.tat.client.InvalidRequestException;
import io.jenkins.plugins.tat.client.TencentCloudApiException;
import io.jenkins.plugins.tat.client.api.InstanceKind;
import io.jenkins.plugins.tat.client.emulator.FleetInstance;
import io.jenkins.plugins.tat.client.emulator.RecordedRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TargetResolverTest extends TargetsTestSupport {

    private static String cvmId(int i) {
        return String.format("ins-w%07d", i);
    }

    @Test
    void tagsResolveAcrossPagesKeepingRunningInstancesSortedAndOnce() throws Exception {
        List<FleetInstance> fleet = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            fleet.add(FleetInstance.cvm(cvmId(i)).tag("app", "web").name("web-" + i));
        }
        fleet.add(FleetInstance.cvm("ins-stop0001").tag("app", "web").state("STOPPED"));
        fleet.add(FleetInstance.cvm("ins-rest0001").tag("app", "web").restrictState("EXPIRED"));
        for (int i = 0; i < 30; i++) {
            fleet.add(FleetInstance.cvm(String.format("ins-a%07d", i)).tag("app", "api"));
        }
        Collections.shuffle(fleet, new Random(16));
        fleet.forEach(emu::fleetInstance);

        ResolvedTargets resolved = resolver().resolve(CvmInstancesByTags.of(TagTerm.parse("app=web")), false);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            expected.add(cvmId(i));
        }
        assertThat(resolved.instanceIds()).isEqualTo(expected);
        assertThat(resolved.matched()).isEqualTo(252);
        assertThat(resolved.skipped()).containsExactly(
                new SkippedInstance("ins-rest0001", "ins-rest0001", "restricted (EXPIRED)"),
                new SkippedInstance("ins-stop0001", "ins-stop0001", "not running (STOPPED)"));
        assertThat(resolved.instances().get(0).name()).isEqualTo("web-0");
        assertThat(resolved.instances().get(0).privateIp()).startsWith("10.");
        assertThat(resolved.byKind()).containsOnlyKeys(InstanceKind.CVM);
        assertThat(resolved.summary()).isEqualTo("CVM instances tagged app=web: 252 matched, 250 to run on, 2 skipped"
                + " (1 not running (STOPPED), 1 restricted (EXPIRED)).");
        assertThat(requestsTo("cvm")).isEqualTo(3); // 100 + 100 + 52
        assertThat(emu.requests()).allSatisfy(r -> assertThat(r.headers()).containsEntry("x-tc-version", "2017-03-12")
                .containsEntry("x-tc-region", REGION));
    }

    @Test
    void keysAreAndedValuesOfOneKeyOredAndAKeyAloneMeansHasTheKey() throws Exception {
        emu.fleetInstance(FleetInstance.cvm("ins-aaaa0001").tag("app", "web").tag("env", "prod"));
        emu.fleetInstance(FleetInstance.cvm("ins-aaaa0002").tag("app", "api").tag("env", "prod"));
        emu.fleetInstance(FleetInstance.cvm("ins-aaaa0003").tag("app", "web").tag("env", "test"));
        emu.fleetInstance(FleetInstance.cvm("ins-aaaa0004").tag("app", "db").tag("env", "prod"));
        emu.fleetInstance(FleetInstance.cvm("ins-aaaa0005").tag("team", "ops"));

        assertThat(resolver().resolve(CvmInstancesByTags.of(TagTerm.parse("app=web, api"), TagTerm.parse("env=prod")),
                false).instanceIds()).containsExactly("ins-aaaa0001", "ins-aaaa0002");
        assertThat(resolver().resolve(CvmInstancesByTags.of(TagTerm.parse("env")), false).instanceIds())
                .containsExactly("ins-aaaa0001", "ins-aaaa0002", "ins-aaaa0003", "ins-aaaa0004");
    }

    @Test
    void zoneAndNameNarrowACvmSelectorAndTheNameIsComparedExactly() throws Exception {
        emu.fleetInstance(FleetInstance.cvm("ins-aaaa0001").tag("app", "web").zone("ap-guangzhou-3").name("web"));
        emu.fleetInstance(FleetInstance.cvm("ins-aaaa0002").tag("app", "web").zone("ap-guangzhou-6").name("web"));
        emu.fleetInstance(FleetInstance.cvm("ins-aaaa0003").tag("app", "web").zone("ap-guangzhou-3").name("web-2"));

        ResolvedTargets resolved = resolver().resolve(new CvmInstancesByTags(List.of(TagTerm.of("app", "web")),
                "ap-guangzhou-3", "web"), false);

        assertThat(resolved.instanceIds()).containsExactly("ins-aaaa0001");
        assertThat(resolved.selector()).isEqualTo("CVM instances tagged app=web in zone ap-guangzhou-3 named web");
    }

    @Test
    void lighthouseInstancesAreListedByLighthouseSignedForItsService() throws Exception {
        emu.fleetInstance(FleetInstance.lighthouse("lhins-aaaa0001").tag("app", "blog").privateIp("10.0.0.7")
                .name("blog-1"));
        emu.fleetInstance(FleetInstance.lighthouse("lhins-aaaa0002").tag("app", "blog").state("STOPPED"));
        emu.fleetInstance(FleetInstance.cvm("ins-aaaa0001").tag("app", "blog"));

        ResolvedTargets resolved = resolver().resolve(LighthouseInstancesByTags.of(TagTerm.of("app", "blog")), false);

        assertThat(resolved.instances()).containsExactly(new ResolvedInstance("lhins-aaaa0001", InstanceKind.LIGHTHOUSE,
                "blog-1", "10.0.0.7"));
        assertThat(resolved.skipped()).extracting(SkippedInstance::reason).containsExactly("not running (STOPPED)");
        assertThat(requestsTo("lighthouse")).isEqualTo(1);
        assertThat(requestsTo("cvm")).isZero();
        RecordedRequest request = emu.requests().get(0);
        assertThat(request.headers()).containsEntry("x-tc-version", "2020-03-24");
        assertThat(request.body()).contains("\"Name\":\"tag:app\"");
    }

    @Test
    void managedInstancesAreListedByTatAndOfflineOnesAreSkipped() throws Exception {
        emu.fleetInstance(FleetInstance.managed("rins-aaaa0001").tag("site", "idc1").privateIp("192.168.1.5"));
        emu.fleetInstance(FleetInstance.managed("rins-aaaa0002").tag("site", "idc1").state("Offline"));
        emu.fleetInstance(FleetInstance.managed("rins-aaaa0003").tag("site", "idc2"));

        ResolvedTargets resolved = resolver().resolve(ManagedInstancesByTags.of(TagTerm.of("site", "idc1")), false);

        assertThat(resolved.instanceIds(InstanceKind.MANAGED)).containsExactly("rins-aaaa0001");
        assertThat(resolved.instances().get(0).privateIp()).isEqualTo("192.168.1.5");
        assertThat(resolved.skipped()).containsExactly(new SkippedInstance("rins-aaaa0002", "rins-aaaa0002",
                "agent offline (Offline)"));
        assertThat(emu.requests()).extracting(RecordedRequest::action).containsExactly("DescribeRegisterInstances");
        assertThat(requestsTo("tat")).isEqualTo(1);
    }

    @Test
    void scalingGroupsKeepOnlyInServiceInstancesLookedUpInCvm() throws Exception {
        emu.fleetInstance(FleetInstance.cvm("ins-asg00001").scalingGroup("asg-aaaa0001", "IN_SERVICE").name("node-1"));
        emu.fleetInstance(FleetInstance.cvm("ins-asg00002").scalingGroup("asg-aaaa0001", "IN_LAUNCHING_HOOK"));
        emu.fleetInstance(FleetInstance.cvm("ins-asg00003").scalingGroup("asg-aaaa0002", "IN_SERVICE")
                .state("STOPPED"));
        emu.fleetInstance(FleetInstance.cvm("ins-asg00004").scalingGroup("asg-aaaa0002", "IN_SERVICE"));
        emu.fleetInstance(FleetInstance.cvm("ins-asg00005").scalingGroup("asg-other001", "IN_SERVICE"));

        ResolvedTargets resolved = resolver().resolve(ScalingGroupInstances.of("asg-aaaa0001", "asg-aaaa0002"), false);

        assertThat(resolved.instanceIds()).containsExactly("ins-asg00001", "ins-asg00004");
        assertThat(resolved.instances().get(0)).isEqualTo(new ResolvedInstance("ins-asg00001", InstanceKind.CVM,
                "node-1", resolved.instances().get(0).privateIp()));
        assertThat(resolved.skipped()).extracting(SkippedInstance::instanceId, SkippedInstance::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ins-asg00002", "not in service (IN_LAUNCHING_HOOK)"),
                org.assertj.core.groups.Tuple.tuple("ins-asg00003", "not running (STOPPED)"));
        assertThat(requestsTo("as")).isEqualTo(1);
        assertThat(requestsTo("cvm")).isEqualTo(1);
        assertThat(emu.requests().get(1).body()).contains("\"InstanceIds\":[\"ins-asg00001\",\"ins-asg00003\",\"ins-asg00004\"]");
    }

    @Test
    void moreThanFiveGroupsAreListedFiveToARequest() throws Exception {
        List<String> groups = new ArrayList<>();
        for (int g = 1; g <= 7; g++) {
            String group = String.format("asg-grp0000%d", g);
            groups.add(group);
            emu.fleetInstance(FleetInstance.cvm(String.format("ins-grp0000%d", g)).scalingGroup(group, "IN_SERVICE"));
        }

        ResolvedTargets resolved = resolver().resolve(new ScalingGroupInstances(groups), false);

        assertThat(resolved.instanceIds()).hasSize(7);
        assertThat(requestsTo("as")).isEqualTo(2);
    }

    @Test
    void nothingToRunOnFailsClearlyUnlessAnEmptyFleetIsAllowed() throws Exception {
        emu.fleetInstance(FleetInstance.cvm("ins-aaaa0001").tag("app", "web").state("STOPPED"));

        assertThatThrownBy(() -> resolver().resolve(CvmInstancesByTags.of(TagTerm.of("app", "api")), false))
                .isInstanceOf(NoTargetsException.class)
                .hasMessage("No instance to run on: CVM instances tagged app=api in region ap-guangzhou matched nothing."
                        + " Check the tags (keys and values are case-sensitive), the region and the instances' kind.");
        assertThatThrownBy(() -> resolver().resolve(CvmInstancesByTags.of(TagTerm.of("app", "web")), false))
                .isInstanceOf(NoTargetsException.class)
                .hasMessageContaining("matched 1, but every one was skipped")
                .hasMessageContaining("1 not running (STOPPED)");
        ResolvedTargets empty = resolver().resolve(CvmInstancesByTags.of(TagTerm.of("app", "api")), true);
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.matched()).isZero();
    }

    @Test
    void aTagKeyCvmDoesNotKnowIsNamed() {
        emu.fleetInstance(FleetInstance.cvm("ins-aaaa0001").tag("app", "web"));

        assertThatThrownBy(() -> resolver().resolve(CvmInstancesByTags.of(TagTerm.of("aplication", "web")), false))
                .isInstanceOf(TargetResolutionException.class)
                .hasMessageContaining("the tag key `aplication` does not exist in region ap-guangzhou")
                .hasMessageContaining("InvalidParameterValue.TagKeyNotFound")
                .hasCauseInstanceOf(TencentCloudApiException.class);
        assertThatThrownBy(() -> resolver().resolve(CvmInstancesByTags.of(TagTerm.of("app", "web"),
                TagTerm.of("tier")), false)).hasMessageContaining("one of the tag keys `app`, `tier`");
    }

    @Test
    void aMissingCamPermissionIsNamed() {
        emu.fleetInstance(FleetInstance.cvm("ins-aaaa0001").tag("app", "web").scalingGroup("asg-aaaa0001", "IN_SERVICE"));
        emu.denyPermission(SECRET_ID, "as:DescribeAutoScalingInstances");

        assertThatThrownBy(() -> resolver().resolve(ScalingGroupInstances.of("asg-aaaa0001"), false))
                .isInstanceOf(TargetResolutionException.class)
                .hasMessageContaining("Grant the CAM permission as:DescribeAutoScalingInstances")
                .hasMessageContaining("UnauthorizedOperation");
        emu.denyPermission(SECRET_ID, "cvm:DescribeInstances");
        assertThatThrownBy(() -> resolver().resolve(CvmInstancesByTags.of(TagTerm.of("app", "web")), false))
                .hasMessageContaining("Grant the CAM permission cvm:DescribeInstances");
    }

    @Test
    void aSelectorBreakingARuleSendsNothing() {
        assertThatThrownBy(() -> resolver().resolve(CvmInstancesByTags.of(TagTerm.of("app", "a", "b", "c", "d", "e",
                "f")), false)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most 5 values");
        assertThatThrownBy(() -> resolver().resolve(new ScalingGroupInstances(List.of("sg-1")), false))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not a scaling group ID");
        assertThat(emu.requests()).isEmpty();
    }

    @Test
    void instancesOfOtherRegionsAreNotListed() throws Exception {
        emu.fleetInstance(FleetInstance.cvm("ins-aaaa0001").tag("app", "web"));
        emu.fleetInstance(FleetInstance.cvm("ins-aaaa0002").tag("app", "web").region("ap-shanghai"));

        assertThat(resolver().resolve(CvmInstancesByTags.of(TagTerm.of("app", "web")), false).instanceIds())
                .containsExactly("ins-aaaa0001");
    }

    @Test
    void instancesWhoseAgentIsOfflineAreMovedToTheSkippedOnes() throws Exception {
        emu.fleetInstance(FleetInstance.cvm("ins-aaaa0001").tag("app", "web"));
        emu.fleetInstance(FleetInstance.cvm("ins-aaaa0002").tag("app", "web"));
        emu.instance(io.jenkins.plugins.tat.client.emulator.EmulatedInstance.cvm("ins-aaaa0002").agentOnline(false));
        ResolvedTargets resolved = resolver().resolve(CvmInstancesByTags.of(TagTerm.of("app", "web")), false);

        io.jenkins.plugins.tat.client.preflight.AgentCheck.Result agents = io.jenkins.plugins.tat.client.preflight
                .AgentCheck.check(settings().build(), resolved.instanceIds());
        ResolvedTargets checked = resolved.skipping(agents.notOnline(), "agent offline");

        assertThat(checked.instanceIds()).containsExactly("ins-aaaa0001");
        assertThat(checked.skipped()).containsExactly(new SkippedInstance("ins-aaaa0002", "ins-aaaa0002",
                "agent offline"));
        assertThat(checked.matched()).isEqualTo(2);
        assertThat(resolved.skipping(List.of("ins-zzzz0009"), "agent offline")).isSameAs(resolved);
    }

    @Test
    void settingsWithoutARegionAreRefusedClearly() {
        assertThatThrownBy(() -> TargetResolver.of(io.jenkins.plugins.tat.client.TatClient.builder()
                .credential(new io.jenkins.plugins.tat.client.auth.ApiKey(SECRET_ID, SECRET_KEY))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Region");
    }
}
