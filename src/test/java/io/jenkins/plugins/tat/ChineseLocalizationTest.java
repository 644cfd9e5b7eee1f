package io.jenkins.plugins.tat;

import static io.jenkins.plugins.tat.TatFixture.COMMAND;
import static io.jenkins.plugins.tat.TatFixture.CREDENTIALS_ID;
import static io.jenkins.plugins.tat.TatFixture.CVM_1;
import static io.jenkins.plugins.tat.TatFixture.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.Functions;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import io.jenkins.plugins.tat.invoke.TatInvokeBuilder;
import java.net.URL;
import java.util.Locale;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.jvnet.localizer.LocaleProvider;

/**
 * The zh_CN translation reaches the user: generated Messages methods answer in the locale Jenkins
 * asks for, with their placeholders filled, and the forms, form checks and help files follow the
 * browser's Accept-Language.
 */
@WithJenkins
class ChineseLocalizationTest {

    private static final String HELP = "descriptor/" + TatInvokeBuilder.class.getName() + "/help";

    private JenkinsRule r;
    private TatFixture tat;
    private LocaleProvider before;

    @BeforeEach
    void setUp(JenkinsRule rule) throws Exception {
        r = rule;
        tat = TatFixture.start(r);
        before = LocaleProvider.getProvider();
    }

    @AfterEach
    void tearDown() {
        LocaleProvider.setProvider(before);
        tat.close();
    }

    /** What {@code hudson.WebAppMain} installs in a real Jenkins; JenkinsRule leaves the JVM default. */
    private static void localeFromTheRequest() {
        LocaleProvider.setProvider(new LocaleProvider() {
            @Override
            public Locale get() {
                return Functions.getCurrentLocale();
            }
        });
    }

    /** A controller whose JVM runs in Chinese: outside a request Jenkins uses this locale. */
    private static void chineseController() {
        LocaleProvider.setProvider(new LocaleProvider() {
            @Override
            public Locale get() {
                return Locale.SIMPLIFIED_CHINESE;
            }
        });
    }

    private JenkinsRule.WebClient chineseBrowser() {
        JenkinsRule.WebClient wc = r.createWebClient();
        wc.addRequestHeader("Accept-Language", "zh-CN");
        return wc;
    }

    @Test
    void generatedMessagesAnswerInChineseWithTheirPlaceholdersFilled() {
        chineseController();

        assertThat(io.jenkins.plugins.tat.wait.Messages.InvocationWaiter_Progress("inv-abcd1234", "2 running", 3))
                .isEqualTo("TAT: inv-abcd1234：2 running（共 3 个执行任务）");
        assertThat(io.jenkins.plugins.tat.wait.Messages.InvocationWaiter_Progress("inv-abcd1234", "", 0))
                .endsWith("（暂无执行任务）");
        assertThat(io.jenkins.plugins.tat.wait.Messages.InvocationWaiter_TasksFailed(1, 2, "inv-abcd1234", CVM_1 + " FAILED"))
                .isEqualTo("TAT: inv-abcd1234 的 2 个执行任务中有 1 个未成功：" + CVM_1 + " FAILED");
        assertThat(io.jenkins.plugins.tat.invoke.Messages.TatInvoker_Invoking(COMMAND, 2, REGION))
                .isEqualTo("TAT: 正在地域 " + REGION + " 的 2 个实例上执行命令 " + COMMAND);
        // the English text quotes with doubled apostrophes; the Chinese one must not lose the value
        assertThat(io.jenkins.plugins.tat.credentials.Messages.TencentCloudApiKeys_NotFound("nope"))
                .startsWith("credentialsId：此 Jenkins 任务无法使用 ID 为“nope”的凭据。");
        assertThat(io.jenkins.plugins.tat.wait.Messages.TatWaitStep_NotAnInvocationId("x"))
                .startsWith("“x”不是执行活动 ID");

        LocaleProvider.setProvider(before);
        assertThat(io.jenkins.plugins.tat.wait.Messages.InvocationWaiter_Progress("inv-abcd1234", "2 running", 3))
                .isEqualTo("TAT: inv-abcd1234: 2 running (3 tasks)");
    }

    @Test
    void aChineseControllerWritesTheBuildLogInChinese() throws Exception {
        chineseController();
        FreeStyleProject p = r.createFreeStyleProject();
        TatInvokeBuilder builder = new TatInvokeBuilder(CREDENTIALS_ID, REGION, COMMAND, CVM_1);
        builder.setWaitForCompletion(true);
        p.getBuildersList().add(builder);

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        String id = tat.emu.invocations().get(0).invocationId();
        r.assertLogContains("TAT: 正在地域 " + REGION + " 的 1 个实例上执行命令 " + COMMAND, b);
        r.assertLogContains("TAT: 已创建执行活动 " + id + "（RequestId ", b);
        r.assertLogContains("TAT: 正在等待 " + id + " 执行结束（最长 3600 秒）", b);
        assertThat(b.getAction(TatInvocationAction.class).getDisplayName()).isEqualTo("TAT 执行活动 " + id);
    }

    @Test
    void theBuildStepFormAndItsHelpAreInChineseForAChineseBrowser() throws Exception {
        localeFromTheRequest();
        FreeStyleProject p = r.createFreeStyleProject();
        p.getBuildersList().add(new TatInvokeBuilder(CREDENTIALS_ID, REGION, COMMAND, CVM_1));

        try (JenkinsRule.WebClient wc = chineseBrowser()) {
            String form = wc.getPage(p, "configure").getWebResponse().getContentAsString();

            assertThat(form).contains("执行腾讯云自动化助手（TAT）命令", ">凭据<", ">地域<", ">命令 ID<", ">实例 ID<",
                    "自定义参数（JSON）", "等待执行完成", "有执行任务未成功时，构建失败", "等待超时时间（秒）", ">执行用户<",
                    ">执行路径<", "命令超时时间（秒）", "上传输出的 COS 存储桶地址", "COS 目录前缀", "检查命令");
            assertThat(form).doesNotContain("Command ID", "Working directory", "Parameters (JSON)");
            assertThat(form).contains(HELP + "/region", HELP + "/parameters");

            String regionHelp = wc.goTo(HELP + "/region", "text/html").getWebResponse().getContentAsString();
            assertThat(regionHelp).contains("实例所在的地域", "<code>ap-guangzhou</code>（广州）");
            String stepHelp = wc.goTo(HELP, "text/html").getWebResponse().getContentAsString();
            assertThat(stepHelp).contains("已保存的腾讯云自动化助手命令", "<code>TAT_INVOCATION_ID</code>");
        }
        try (JenkinsRule.WebClient wc = r.createWebClient()) {
            assertThat(wc.goTo(HELP + "/region", "text/html").getWebResponse().getContentAsString())
                    .contains("The region of the instances").doesNotContain("地域");
            assertThat(wc.getPage(p, "configure").getWebResponse().getContentAsString())
                    .contains("Command ID", "Parameters (JSON)").doesNotContain("命令 ID");
        }
    }

    @Test
    void formChecksAndTheGlobalConfigurationAnswerInTheBrowsersLanguage() throws Exception {
        localeFromTheRequest();
        r.createFreeStyleProject("freestyle");

        try (JenkinsRule.WebClient wc = chineseBrowser()) {
            WebRequest check = new WebRequest(new URL(r.getURL(),
                    "job/freestyle/descriptorByName/" + TatInvokeBuilder.class.getName() + "/checkTimeout?value=abc"),
                    HttpMethod.POST);
            wc.addCrumb(check);
            assertThat(wc.getPage(check).getWebResponse().getContentAsString()).contains("“abc”不是整数。");

            String global = wc.goTo("manage/configure").getWebResponse().getContentAsString();
            assertThat(global).contains("腾讯云自动化助手（TAT）", "API 接入地址", "API 错误信息的语言");
            assertThat(wc.goTo("descriptor/io.jenkins.plugins.tat.config.TatGlobalConfiguration/help/endpoint", "text/html")
                    .getWebResponse().getContentAsString()).contains("TAT API 请求的发送地址");
        }
    }
}
