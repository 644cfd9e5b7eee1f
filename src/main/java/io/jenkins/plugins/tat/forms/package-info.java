/**
 * The form checks of the steps and the build step, as interfaces their descriptors implement, so
 * that each check is written once for every front end. Every check is {@code @POST} and answers
 * only users who may configure the job (administrators outside a job).
 */
package io.jenkins.plugins.tat.forms;
