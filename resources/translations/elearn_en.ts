<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccountsPage</name>
    <message numerus="yes">
        <source>{count} account(s)</source>
        <translation>
            <numerusform>{count} account</numerusform>
            <numerusform>{count} accounts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AssessmentEditor</name>
    <message numerus="yes">
        <source>&lt;b&gt;%n problem(s) to fix before saving&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%n problem to fix before saving&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;%n problems to fix before saving&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not saved: fix the %n problem(s) listed below first.</source>
        <translation>
            <numerusform>Not saved: fix the %n problem listed below first.</numerusform>
            <numerusform>Not saved: fix the %n problems listed below first.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s)</source>
        <translation>
            <numerusform>%n step</numerusform>
            <numerusform>%n steps</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AssessmentPage</name>
    <message numerus="yes">
        <source>%n question(s) · Time limit: {0} · Passing score: {1} %</source>
        <translation>
            <numerusform>%n question · Time limit: {0} · Passing score: {1} %</numerusform>
            <numerusform>%n questions · Time limit: {0} · Passing score: {1} %</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You have not answered %n question(s): {0}.
Unanswered questions score no points. You cannot change your answers after submitting.</source>
        <translation>
            <numerusform>You have not answered %n question: {0}.
Unanswered questions score no points. You cannot change your answers after submitting.</numerusform>
            <numerusform>You have not answered %n questions: {0}.
Unanswered questions score no points. You cannot change your answers after submitting.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} of %n question(s) fully right</source>
        <translation>
            <numerusform>{0} of %n question fully right</numerusform>
            <numerusform>{0} of %n questions fully right</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message numerus="yes">
        <source>Showing the newest {count} change(s).</source>
        <translation>
            <numerusform>Showing the newest {count} change.</numerusform>
            <numerusform>Showing the newest {count} changes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} change(s).</source>
        <translation>
            <numerusform>{count} change.</numerusform>
            <numerusform>{count} changes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuthorCoursesPage</name>
    <message numerus="yes">
        <source>{count} course(s)</source>
        <translation>
            <numerusform>{count} course</numerusform>
            <numerusform>{count} courses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} draft(s)</source>
        <translation>
            <numerusform>{count} draft</numerusform>
            <numerusform>{count} drafts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message numerus="yes">
        <source>%n course(s) match “{0}”</source>
        <translation>
            <numerusform>%n course matches “{0}”</numerusform>
            <numerusform>%n courses match “{0}”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n published course(s)</source>
        <translation>
            <numerusform>%n published course</numerusform>
            <numerusform>%n published courses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Learning path · %n step(s)</source>
        <translation>
            <numerusform>Learning path · %n step</numerusform>
            <numerusform>Learning path · %n steps</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CourseEditor</name>
    <message numerus="yes">
        <source>%n lesson(s)</source>
        <translation>
            <numerusform>%n lesson</numerusform>
            <numerusform>%n lessons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n item(s): {items}?</source>
        <translation>
            <numerusform>Delete %n item: {items}?</numerusform>
            <numerusform>Delete %n items: {items}?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n learner(s) enrolled.</source>
        <translation>
            <numerusform>%n learner is enrolled.</numerusform>
            <numerusform>%n learners are enrolled.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Duplicate %n item(s)</source>
        <translation>
            <numerusform>Duplicate %n item</numerusform>
            <numerusform>Duplicate %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n item(s)</source>
        <translation>
            <numerusform>Delete %n item</numerusform>
            <numerusform>Delete %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n item(s)</source>
        <translation>
            <numerusform>Move %n item</numerusform>
            <numerusform>Move %n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CourseInsightsPage</name>
    <message numerus="yes">
        <source>%n learner(s) enrolled</source>
        <translation>
            <numerusform>%n learner enrolled</numerusform>
            <numerusform>%n learners enrolled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n completed the course</source>
        <translation>
            <numerusform>%n completed the course</numerusform>
            <numerusform>%n completed the course</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n graded attempt(s) ({passed} passed) at {assessments}</source>
        <translation>
            <numerusform>%n graded attempt ({passed} passed) at {assessments}</numerusform>
            <numerusform>%n graded attempts ({passed} passed) at {assessments}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CourseTreeModel</name>
    <message numerus="yes">
        <source>%n lesson(s)</source>
        <translation>
            <numerusform>%n lesson</numerusform>
            <numerusform>%n lessons</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CourseViewPage</name>
    <message numerus="yes">
        <source>{0} % complete · {1} of %n lesson(s) done</source>
        <translation>
            <numerusform>{0} % complete · {1} of %n lesson done</numerusform>
            <numerusform>{0} % complete · {1} of %n lessons done</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DownloadTexts</name>
    <message numerus="yes">
        <source>↓ %n file(s)</source>
        <translation>
            <numerusform>↓ %n file</numerusform>
            <numerusform>↓ %n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InsightsPage</name>
    <message numerus="yes">
        <source>{accounts} account(s), {active} active</source>
        <translation>
            <numerusform>{accounts} account, {active} active</numerusform>
            <numerusform>{accounts} accounts, {active} active</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} live subscription(s)</source>
        <translation>
            <numerusform>{count} live subscription</numerusform>
            <numerusform>{count} live subscriptions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LearnTexts</name>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n module(s)</source>
        <translation>
            <numerusform>%n module</numerusform>
            <numerusform>%n modules</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lesson(s)</source>
        <translation>
            <numerusform>%n lesson</numerusform>
            <numerusform>%n lessons</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MyLearningPage</name>
    <message numerus="yes">
        <source>%n course(s) ({0} completed)</source>
        <translation>
            <numerusform>%n course ({0} completed)</numerusform>
            <numerusform>%n courses ({0} completed)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n learning path(s)</source>
        <translation>
            <numerusform>%n learning path</numerusform>
            <numerusform>%n learning paths</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OfflineCopies</name>
    <message numerus="yes">
        <source>%n video(s) downloading (see Downloads).</source>
        <translation>
            <numerusform>%n video is downloading (see Downloads).</numerusform>
            <numerusform>%n videos are downloading (see Downloads).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PathEditor</name>
    <message numerus="yes">
        <source>%n step(s) need attention:</source>
        <translation>
            <numerusform>%n step needs attention:</numerusform>
            <numerusform>%n steps need attention:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add %n step(s)</source>
        <translation>
            <numerusform>Add step</numerusform>
            <numerusform>Add %n steps</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PathListModel</name>
    <message numerus="yes">
        <source>{0} — %n step(s)</source>
        <translation>
            <numerusform>{0} — %n step</numerusform>
            <numerusform>{0} — %n steps</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PathViewPage</name>
    <message numerus="yes">
        <source>{0} of %n step(s) done · {1} %</source>
        <translation>
            <numerusform>{0} of %n step done · {1} %</numerusform>
            <numerusform>{0} of %n steps done · {1} %</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message numerus="yes">
        <source>{count} plan(s)</source>
        <translation>
            <numerusform>{count} plan</numerusform>
            <numerusform>{count} plans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} live subscription(s)</source>
        <translation>
            <numerusform>{count} live subscription</numerusform>
            <numerusform>{count} live subscriptions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message numerus="yes">
        <source>{0} studied in the last %n week(s)</source>
        <translation>
            <numerusform>{0} studied in the last %n week</numerusform>
            <numerusform>{0} studied in the last %n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing studied in the last %n week(s)</source>
        <translation>
            <numerusform>Nothing studied in the last %n week</numerusform>
            <numerusform>Nothing studied in the last %n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n course(s)</source>
        <translation>
            <numerusform>%n course</numerusform>
            <numerusform>%n courses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n graded attempt(s)</source>
        <translation>
            <numerusform>%n graded attempt</numerusform>
            <numerusform>%n graded attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s), {0} passed; </source>
        <translation>
            <numerusform>%n attempt, {0} passed; </numerusform>
            <numerusform>%n attempts, {0} passed; </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PropertyPanel</name>
    <message numerus="yes">
        <source>%n lesson(s)</source>
        <translation>
            <numerusform>%n lesson</numerusform>
            <numerusform>%n lessons</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message numerus="yes">
        <source>%n learner(s) enrolled.</source>
        <translation>
            <numerusform>%n learner is enrolled.</numerusform>
            <numerusform>%n learners are enrolled.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuestionListModel</name>
    <message numerus="yes">
        <source>%n answer(s)</source>
        <translation>
            <numerusform>%n answer</numerusform>
            <numerusform>%n answers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n option(s)</source>
        <translation>
            <numerusform>%n option</numerusform>
            <numerusform>%n options</numerusform>
        </translation>
    </message>
</context>
</TS>
