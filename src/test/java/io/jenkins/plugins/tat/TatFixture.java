package io.jenkins.plugins.tat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.util.Secret;
import io.jenkins.plugins.tat.client.emulator.EmulatedCommand;
import io.jenkins.plugins.tat.client.emulator.EmulatedInstance;
import io.jenkins.plugins.tat.client.emulator.EmulatedRole;
import io.jenkins.plugins.tat.client.emulator.TatEmulator;
import io.jenkins.plugins.tat.config.TatGlobalConfiguration;
import io.jenkins.plugins.tat.credentials.CamRole;
import io.jenkins.plugins.tat.credentials.TencentCloudCredentialsImpl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The TAT emulator (tat-client's test sources: a real HTTP server on loopback that verifies every
 * signature) set up as the plugin's endpoint, with one API key in the credentials store, a command
 * without and one with parameters, and three CVM instances and a Lighthouse one in ap-guangzhou.
 */
final class TatFixture implements AutoCloseable {

    static final String CREDENTIALS_ID = "tencent";
    static final String SECRET_ID = "AKIDjenkinsTest0001";
    static final String SECRET_KEY = "jenkins-Secret-Key-MUST-NOT-LEAK";
    static final String REGION = "ap-guangzhou";
    static final String COMMAND = "cmd-abcd1234";
    static final String PARAM_COMMAND = "cmd-param001";
    static final String CVM_1 = "ins-aaaa0001";
    static final String CVM_2 = "ins-aaaa0002";
    static final String CVM_3 = "ins-aaaa0003";
    static final String LIGHTHOUSE = "lhins-bbbb0001";
    /** A CAM role the emulated STS lets the fixture's key assume (see {@link #role}). */
    static final String ROLE = "qcs::cam::uin/100000000001:roleName/jenkins-deploy";
    /** The credentials that assume {@link #ROLE} with the fixture's key. */
    static final String ROLE_CREDENTIALS_ID = "tencent-role";

    final TatEmulator emu;
    final TencentCloudCredentialsImpl credentials;

    private TatFixture(TatEmulator emu, TencentCloudCredentialsImpl credentials) {
        this.emu = emu;
        this.credentials = credentials;
    }

    /** Starts an emulator with the real clock and points Jenkins at it. */
    static TatFixture start(JenkinsRule r) throws IOException {
        return start(r, Clock.systemUTC());
    }

    /** Starts an emulator with the given server clock and points Jenkins at it. */
    static TatFixture start(JenkinsRule r, Clock clock) throws IOException {
        TatEmulator emu = emulator(clock);
        return new TatFixture(emu, configure(r, emu));
    }

    /** An emulator with the fixture's account, commands and instances, not yet tied to a Jenkins. */
    static TatEmulator emulator(Clock clock) {
        TatEmulator emu = TatEmulator.start().clock(clock).account(SECRET_ID, SECRET_KEY);
        emu.command(EmulatedCommand.builder(COMMAND).name("deploy").content("echo deploy").build());
        emu.command(EmulatedCommand.builder(PARAM_COMMAND).name("release").content("echo {{version}}")
                .enableParameter(true).defaultParameter("version", "1.0").build());
        emu.instance(EmulatedInstance.cvm(CVM_1));
        emu.instance(EmulatedInstance.cvm(CVM_2));
        emu.instance(EmulatedInstance.cvm(CVM_3));
        emu.instance(EmulatedInstance.lighthouse(LIGHTHOUSE));
        return emu;
    }

    /** Points a Jenkins at an emulator and stores the fixture's API key; both are saved to disk. */
    static TencentCloudCredentialsImpl configure(JenkinsRule r, TatEmulator emu) throws IOException {
        TatGlobalConfiguration.get().setEndpoint(emu.endpoint().toString());
        TencentCloudCredentialsImpl credentials = new TencentCloudCredentialsImpl(CredentialsScope.GLOBAL, CREDENTIALS_ID,
                "TAT test key", SECRET_ID, Secret.fromString(SECRET_KEY));
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(), credentials);
        return credentials;
    }

    /**
     * Lets the fixture's key assume {@link #ROLE} at the emulated STS, and stores credentials
     * {@link #ROLE_CREDENTIALS_ID} with the same key and that role.
     *
     * @param durationSeconds the life of the role's temporary keys, or {@code null} for STS's default
     * @return the credentials
     */
    TencentCloudCredentialsImpl role(JenkinsRule r, Integer durationSeconds) throws IOException {
        emu.role(EmulatedRole.of(ROLE));
        TencentCloudCredentialsImpl withRole = new TencentCloudCredentialsImpl(CredentialsScope.GLOBAL, ROLE_CREDENTIALS_ID,
                "TAT key as a role", SECRET_ID, Secret.fromString(SECRET_KEY));
        CamRole role = new CamRole(ROLE);
        role.setDurationSeconds(durationSeconds);
        withRole.setAssumeRole(role);
        CredentialsProvider.lookupStores(r.jenkins).iterator().next().addCredentials(Domain.global(), withRole);
        return withRole;
    }

    /** A new Pipeline job running the script in the Groovy sandbox. */
    static WorkflowJob pipeline(JenkinsRule r, String script) throws Exception {
        WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, "p" + r.jenkins.getItems().size());
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /** Requests the emulator received, all actions. */
    int requestsReceived() {
        return emu.requests().size();
    }

    /** A file's text, for searching a build's or job's XML for secrets. */
    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        emu.close();
    }
}
