<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
</TS>
