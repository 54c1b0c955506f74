<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ScreenshotRunner</name>
    <message>
        <source>--screenshot needs a project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>unknown view "%1"</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot write %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SetLabelCommand</name>
    <message>
        <source>Clear %1 of %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit note of %1 on %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Set %1 = %2 on %3</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Label classroom clips and review AI models.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Project file to open.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Render a view to FILE.png and exit.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>View to show: browser, review or metrics.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Label as this expert.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::ClipBrowser</name>
    <message>
        <source>Search clips, groups, sessions (Ctrl+F)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All clips</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unlabeled by me</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Labeled by me</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Disagreements</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Model vs expert differ</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show clips by labelling state</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show one group</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show clips that some coder put in this class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Show all clips again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All groups</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Any class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 of %2 clips shown</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::ClipTableModel</name>
    <message numerus="yes">
        <source>%n dim.</source>
        <translation><numerusform>%n dim.</numerusform><numerusform>%n dim.</numerusform></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dimensions on which the coders (experts and models) disagree</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This expert's labels, one per dimension</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::ConfusionHeatmap</name>
    <message>
        <source>Click a cell to show exactly those clips in the browser</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a reference and a coder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (columns)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (rows)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::ExpertDialog</name>
    <message>
        <source>Who is labelling?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your labels are stored under this name. Pick your name or type a new one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. Expert A</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Expert:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::LabelPanel</name>
    <message>
        <source>Next unlabeled clip  (N)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Jump to the next clip you have not labelled on every dimension</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>keys %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Note on %1 (F2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Note on %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No project open.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select a clip to label it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clip &lt;b&gt;%1&lt;/b&gt; &amp;nbsp;·&amp;nbsp; expert &lt;b&gt;%2&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::MainWindow</name>
    <message>
        <source>&amp;Label</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Review</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Metrics</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clips</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Labels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Label not saved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open &amp;demo project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Recent projects</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Close project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+Y</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Find clips</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit &amp;note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Play / pause</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Previous &amp;frame</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next f&amp;rame</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Back 1 s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>F&amp;orward 1 s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Slower</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>F&amp;aster</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Loop clip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Navigate</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next &amp;unlabeled clip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Next clip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Previous clip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next &amp;disagreement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The new language is used after a restart.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;About MOTOR Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>About MOTOR Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;MOTOR Studio&lt;/b&gt; %1&lt;br/&gt;Label classroom clips for self-regulated learning and compare AI models with experts. Everything stays on this computer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot open project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No expert chosen: labelling is off.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot use this expert</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>MOTOR projects (*.motor);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>MOTOR projects (*.motor)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot create project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot create the demo project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This build has no demo generator.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Generating the demo clips…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every clip is labelled. Well done!</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>MOTOR Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 — %2 / %3 clips labelled — MOTOR Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Expert: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No expert chosen</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 / %2 clips done</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::MetricsDashboard</name>
    <message>
        <source>The expert every other coder is scored against</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Coder shown in the confusion matrix</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>95% intervals</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Percentile bootstrap over clips, %1 resamples</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Models in agreement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Include model runs in Fleiss, Krippendorff and the Cohen matrix</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Re&amp;ference:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Dimension:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>C&amp;oder:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copy as CSV</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save charts…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Macro-F1 (%) against the reference</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Agreement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pairwise Cohen's kappa on the clips both coders labelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Per class, against the reference</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Confusion matrix (click a cell to list its clips)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Computing bootstrap intervals…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Computing…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot compute metrics: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Coder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>average</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No labels yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; among %2 coder(s): Fleiss' κ = &lt;b&gt;%3&lt;/b&gt;%4 (n = %5) &amp;nbsp;·&amp;nbsp; Krippendorff's α = &lt;b&gt;%6&lt;/b&gt;%7 (units = %8)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 vs %2: κ = %3 on %4 clips</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Macro-F1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Precision</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recall</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>F1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Support</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>F1 per class — %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>F1 per class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Macro-F1 per coder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>F1 (%)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Macro-F1 (%)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1: %2 says %3, %4 says %5 — %n clip(s)</source>
        <translation><numerusform>%1: %2 says %3, %4 says %5 — %n clip</numerusform><numerusform>%1: %2 says %3, %4 says %5 — %n clips</numerusform></translation>
    </message>
    <message>
        <source>Copied the summary and per-class scores as CSV.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Save charts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::PlayerPane</name>
    <message>
        <source>Position in the clip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Back 1 s (Left)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Previous frame (,)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next frame (.)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Forward 1 s (Right)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loop</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loop the clip's range (L)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Playback speed ([ slower, ] faster)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot play this media: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Media file not found: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recording time %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::ProjectSession</name>
    <message>
        <source>No project is open.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The expert name is empty.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>"%1" is a model run, not an expert.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::ReviewPane</name>
    <message>
        <source>expert</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>model</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>baseline</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select a cell to read the coder's rationale and note.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Disagreement queue&lt;/b&gt; — most contested first (M jumps to the next)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Only where a model and an expert differ</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dissenting coders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Contested dimensions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Model ≠ expert</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select a clip to review it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rationale: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Note: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Clip &lt;b&gt;%1&lt;/b&gt; — coders disagree on %n dimension(s)</source>
        <translation><numerusform>Clip &lt;b&gt;%1&lt;/b&gt; — coders disagree on %n dimension</numerusform><numerusform>Clip &lt;b&gt;%1&lt;/b&gt; — coders disagree on %n dimensions</numerusform></translation>
    </message>
    <message>
        <source>Clip &lt;b&gt;%1&lt;/b&gt; — no disagreement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no label</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> · confidence %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n contested clip(s)</source>
        <translation><numerusform>%n contested clip</numerusform><numerusform>%n contested clips</numerusform></translation>
    </message>
</context>
<context>
    <name>motor::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: %2 (press again to clear)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit the note of the first dimension</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next clip I have not labelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next / previous clip in the browser</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next clip in the disagreement queue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Space</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Play / pause</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>One frame back / forward</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Left / Right</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>One second back / forward</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Slower / faster (0.25× to 2×)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loop the clip on / off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Undo the last label change</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search clips</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Label, Review, Metrics view</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This help</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::StartPage</name>
    <message>
        <source>MOTOR Studio</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Label classroom clips for self-regulated learning and compare AI models with experts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open project…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New project…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Open demo project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Recent projects</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No recent projects</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::TranscriptPane</name>
    <message>
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Speaker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Utterance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Click a line to play from there</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No transcript for this clip.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 – %2 in the recording</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>