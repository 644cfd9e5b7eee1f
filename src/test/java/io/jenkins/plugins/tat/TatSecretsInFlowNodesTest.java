package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static io.jenkins.plugins.tat.TatFixture.SECRET_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.tat.client.emulator.IssuedKey;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A failure inside a block that holds the API key, whose message quotes the key, leaves the key
 * in no file of the build or the job: not in the log (masked there since the block existed) and
 * not in the flow nodes Pipeline keeps once the build ended ({@code workflow-completed/flowNodeStore.xml}),
 * where the failure of each step inside the block is recorded with its message. Both ways a key
 * reaches a Pipeline are covered: {@code withTencentCloud} (with a plain key and with a CAM role's
 * temporary key and token) and credentials-binding's {@code withCredentials} with the
 * {@code tencentCloudApiKey} binding.
 */
@WithJenkins
class TatSecretsInFlowNodesTest {

    private JenkinsRule r;
    private TatFixture tat;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        tat = TatFixture.start(r);
    }

    @AfterEach
    void tearDown() {
        tat.close();
    }

    private WorkflowRun failing(String script) throws Exception {
        WorkflowJob p = TatFixture.pipeline(r, script);
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("deploy failed", b);
        return b;
    }

    @Test
    @Timeout(120)
    void anErrorQuotingTheKeyInsideWithTencentCloudLeavesItNowhere() throws Exception {
        WorkflowRun b = failing("withTencentCloud(credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION + "') {\n"
                + "  error('deploy failed, key was ' + env.TENCENTCLOUD_SECRET_KEY)\n"
                + "}");

        r.assertLogContains("deploy failed, key was ****", b);
        assertNothingAtRest(b, SECRET_KEY);
    }

    @Test
    @Timeout(120)
    void aStepsExceptionQuotingTheKeyInsideWithTencentCloudLeavesItNowhere() throws Exception {
        // readFile's own exception names the missing file, here a path made of the key
        WorkflowRun b = failing("node {\n"
                + "  withTencentCloud(credentialsId: '" + CREDENTIALS_ID + "', region: '" + REGION + "') {\n"
                + "    try {\n"
                + "      readFile('deploy failed/' + env.TENCENTCLOUD_SECRET_KEY)\n"
                + "    } finally {\n"
                + "      echo 'deploy failed'\n"
                + "    }\n"
                + "  }\n"
                + "}");

        assertNothingAtRest(b, SECRET_KEY);
    }

    @Test
    @Timeout(120)
    void anErrorQuotingATemporaryKeyAndTokenInsideWithTencentCloudLeavesThemNowhere() throws Exception {
        tat.role(r, null);

        WorkflowRun b = failing("withTencentCloud(credentialsId: '" + TatFixture.ROLE_CREDENTIALS_ID + "', region: '" + REGION
                + "') {\n"
                + "  error('deploy failed, key ' + env.TENCENTCLOUD_SECRET_KEY + ' token ' + env.TENCENTCLOUD_SESSION_TOKEN)\n"
                + "}");

        IssuedKey key = tat.emu.issuedKeys().get(0);
        assertNothingAtRest(b, SECRET_KEY, key.secretKey(), key.sessionToken());
    }

    @Test
    @Timeout(120)
    void anErrorQuotingTheKeyInsideWithCredentialsLeavesItNowhere() throws Exception {
        WorkflowRun b = failing("withCredentials([tencentCloudApiKey(credentialsId: '" + CREDENTIALS_ID + "')]) {\n"
                + "  error('deploy failed, key was ' + env.TENCENTCLOUD_SECRET_KEY)\n"
                + "}");

        r.assertLogContains("deploy failed, key was ****", b);
        assertNothingAtRest(b, SECRET_KEY);
    }

    /**
     * Reads every file under the job's folder (its config and every build's) and fails naming
     * those that hold a secret as it is, base64-encoded, URL-encoded, or in UTF-16.
     */
    private static void assertNothingAtRest(WorkflowRun b, String... secrets) throws IOException {
        Path job = b.getParent().getRootDir().toPath();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(job)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).as("the flow nodes of the ended build")
                .anyMatch(f -> f.endsWith(Path.of("workflow-completed", "flowNodeStore.xml")));
        List<String> leaks = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                continue;
            }
            for (String secret : secrets) {
                forms(secret).forEach((form, needle) -> {
                    if (indexOf(bytes, needle) >= 0) {
                        leaks.add(job.relativize(file) + " holds the secret " + form);
                    }
                });
            }
        }
        System.out.println("Searched " + files.size() + " files of " + job + ": " + files.stream().map(job::relativize).toList());
        assertThat(leaks).as("secrets at rest under " + job).isEmpty();
    }

    private static Map<String, byte[]> forms(String secret) {
        Map<String, byte[]> forms = new LinkedHashMap<>();
        forms.put("as it is", secret.getBytes(StandardCharsets.UTF_8));
        forms.put("in UTF-16BE", secret.getBytes(StandardCharsets.UTF_16BE));
        forms.put("in UTF-16LE", secret.getBytes(StandardCharsets.UTF_16LE));
        String base64 = Base64.getEncoder().withoutPadding().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        forms.put("base64-encoded", base64.substring(0, base64.length() - 1).getBytes(StandardCharsets.US_ASCII));
        forms.put("URL-encoded", URLEncoder.encode(secret, StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII));
        return forms;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
