// The demo Jenkins of `mvn -Pdemo hpi:run`, set up the way an administrator would script it
// ($JENKINS_HOME/init.groovy.d, or Manage Jenkins > Script Console): the TAT endpoint in the global
// configuration, a demo API key in the credentials store, one Pipeline job and one freestyle job.
// It runs at every start of the demo Jenkins and leaves alone whatever already exists, so your
// changes to the jobs survive a restart (`mvn clean` starts over).
//
// The endpoint is the TAT demo emulator that the demo profile starts beside Jenkins: test code of
// this plugin, listening on 127.0.0.1 only, never part of the .hpi. It accepts only the demo key.
import com.cloudbees.plugins.credentials.CredentialsProvider
import com.cloudbees.plugins.credentials.CredentialsScope
import com.cloudbees.plugins.credentials.domains.Domain
import hudson.model.FreeStyleProject
import hudson.model.ParametersDefinitionProperty
import hudson.model.StringParameterDefinition
import hudson.tasks.Shell
import hudson.util.Secret
import io.jenkins.plugins.tat.config.TatGlobalConfiguration
import io.jenkins.plugins.tat.credentials.TencentCloudCredentialsImpl
import io.jenkins.plugins.tat.invoke.TatInvokeBuilder
import jenkins.model.Jenkins
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition
import org.jenkinsci.plugins.workflow.job.WorkflowJob

def jenkins = Jenkins.get()
def endpoint = System.getProperty('tat.demo.endpoint')
if (!endpoint) {
    println 'TAT demo: no tat.demo.endpoint system property; run the demo with mvn -Pdemo hpi:run'
    return
}

// Manage Jenkins > System > Jenkins URL: links in the build pages and the REST API need it, and
// without it Jenkins shows a "Jenkins URL is empty" warning on every page of Manage Jenkins.
def location = jenkins.model.JenkinsLocationConfiguration.get()
if (!location.url) {
    location.url = "http://127.0.0.1:${System.getProperty('port') ?: '8080'}/jenkins/"
    location.save()
}

// Manage Jenkins > System > Tencent Cloud TAT > API endpoint
TatGlobalConfiguration.get().setEndpoint(endpoint)

// Manage Jenkins > Credentials: the key the emulator accepts (never a real one)
def store = CredentialsProvider.lookupStores(jenkins).iterator().next()
if (!store.getCredentials(Domain.global()).any { it.id == 'tat-demo' }) {
    store.addCredentials(Domain.global(), new TencentCloudCredentialsImpl(CredentialsScope.GLOBAL, 'tat-demo',
            'TAT demo key (accepted by the local emulator only)',
            'AKIDtatDemo00000000000000000000000001', Secret.fromString('tat-demo-secret-key-not-for-real-use')))
}

if (jenkins.getItem('tat-demo-pipeline') == null) {
    def p = jenkins.createProject(WorkflowJob, 'tat-demo-pipeline')
    p.description = 'Runs the saved command cmd-demo0001 (deploy-web) on three emulated instances, waits, ' +
            'then starts a health check on all four and waits for it with tatWait: ins-demo0004 fails it ' +
            '(exit code 7), which marks the build unstable. See the build\'s TAT page for each instance.'
    p.definition = new CpsFlowDefinition('''\
stage('Deploy') {
    // Runs the saved command on three instances, prints each one's output, fails on a failed task.
    def id = tatInvoke credentialsId: 'tat-demo', region: 'ap-guangzhou', commandId: 'cmd-demo0001',
                       instanceIds: ['ins-demo0001', 'ins-demo0002', 'ins-demo0003'],
                       parameters: [version: '1.4.2'], waitForCompletion: true
    echo "Deployed by invocation ${id}"
}
stage('Health check') {
    // Without waitForCompletion the step returns the InvocationId at once...
    tatInvoke credentialsId: 'tat-demo', region: 'ap-guangzhou', commandId: 'cmd-demo0002',
              instanceIds: ['ins-demo0001', 'ins-demo0002', 'ins-demo0003', 'ins-demo0004']
    // ...which later steps also find in TAT_INVOCATION_ID; tatWait returns each task's result.
    // ins-demo0004 fails (exit code 7): here that marks the build unstable instead of failing it.
    def tasks = tatWait credentialsId: 'tat-demo', region: 'ap-guangzhou', invocationId: env.TAT_INVOCATION_ID,
                        failOnTaskFailure: false
    tasks.each { echo "${it.instanceId}: ${it.status}, exit code ${it.exitCode}" }
    def failed = tasks.findAll { it.status != 'SUCCESS' }.collect { it.instanceId }
    if (failed) {
        unstable "Health check failed on ${failed.join(', ')}"
    }
}
''', true)
    p.save()
}

if (jenkins.getItem('tat-demo-freestyle') == null) {
    def f = jenkins.createProject(FreeStyleProject, 'tat-demo-freestyle')
    f.description = 'The build step "Invoke Tencent Cloud TAT command": deploys VERSION to three emulated ' +
            'instances and waits. Add ins-demo0004 to the instance IDs to see a failed task fail the build.'
    f.addProperty(new ParametersDefinitionProperty(
            new StringParameterDefinition('VERSION', '1.4.2', 'The release to deploy')))
    def step = new TatInvokeBuilder('tat-demo', 'ap-guangzhou', 'cmd-demo0001', 'ins-demo0001 ins-demo0002 ins-demo0003')
    step.parameters = '{"version": "${VERSION}"}'
    step.waitForCompletion = true
    f.buildersList.add(step)
    f.buildersList.add(new Shell('echo "Later build steps see TAT_INVOCATION_ID=$TAT_INVOCATION_ID"'))
    f.save()
}
println "TAT demo: endpoint ${endpoint}, credentials tat-demo, jobs tat-demo-pipeline and tat-demo-freestyle"
