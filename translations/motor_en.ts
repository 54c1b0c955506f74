<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ClipEditCommand</name>
    <message>
        <source>"%1" was not undone or redone: its clips were changed since (in another window or by an import). Nothing was changed.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CodebookChangeCommand</name>
    <message>
        <source>Codebook change (version %1)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
</context>
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
    <message>
        <source>%1 has no coder %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 has no label of %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cannot copy %1 to %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the merge asked nothing: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no transcription dialog</source>
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
    <message>
        <source>"%1" was not undone or redone: that label was changed since (in another window or by an import). Nothing was changed.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TranscriptEditCommand</name>
    <message>
        <source>"%1" was not undone or redone: the transcript was changed there since (in another window or by an import). Nothing was changed.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::Codebook</name>
    <message>
        <source>%1.i18n: must be an object of language codes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1.i18n.%2: expected a language code with {"name", "%3"}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: offset %2: %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: top level is not a JSON object</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: "name" missing or empty</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: "dimensions" must be a non-empty array</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1.name missing or empty</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: duplicate dimension "%2"</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1.keyRow: must be a keyboard row 1-4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1.classes: at least two classes are needed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1.classes[%2].name missing or empty</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1.classes[%2]: duplicate class "%3"</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1.classes[%2].examples: must be an array of strings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1.classes: two classes are both shown as "%2" in %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: dimensions[%2]: "%3" and "%4" both use keyboard row %5</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1.name has spaces around it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1.classes[%2].name has spaces around it</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::agents::BackendFactory</name>
    <message>
        <source>cpu (a baseline: counts %1's labels)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cpu (a baseline: cue words in the transcript)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::agents::OpenAiModel</name>
    <message>
        <source>openai: sending %1 to %2, which is not this machine, needs explicit confirmation %3</source>
        <extracomment>%1: what would leave (clip frames, the recording's audio); %2: the host; %3: how to allow it.</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>clip frames</source>
        <extracomment>What would leave the machine: %1 in "openai: sending %1 to %2, ...".</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(--allow-remote-frames), or use --mode text-only</source>
        <extracomment>How to allow it: %3 in "openai: sending %1 to %2, ...".</extracomment>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::speech::ServerTranscriber</name>
    <message>
        <source>openai %1: the reply is not JSON (%2 at byte %3): "%4"</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>openai %1: the reply has no "segments" with times (the server does not answer response_format=verbose_json)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>openai %1: segment %2 of the reply lacks a numeric start and end or a text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>openai %1: segment %2 of the reply has a negative time (%3 - %4 s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>openai %1: transcription cancelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>; set MOTOR_OPENAI_API_KEY</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>; the server does not serve /v1/audio/transcriptions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>; is the server running? check --url</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::speech::Transcriber</name>
    <message>
        <source>%1: transcription cancelled; the project is unchanged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>openai: --url must be an http(s) URL, got '%1'</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the recording's audio</source>
        <extracomment>What would leave the machine: %1 in "openai: sending %1 to %2, which is not this machine, ...".</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(--allow-remote-audio), or transcribe on this machine (--backend local)</source>
        <extracomment>How to allow it: %3 in "openai: sending %1 to %2, which is not this machine, ...".</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1; the project is unchanged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: has a transcript already (%2 utterances); choose to replace it or to add the new utterances beside it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: the recording has no audio track</source>
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
        <source>Conflict</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1 of %n clip(s) shown</source>
        <translation>
            <numerusform>%1 of %n clip shown</numerusform>
            <numerusform>%1 of %n clips shown</numerusform>
        </translation>
    </message>
    <message>
        <source>Unlabelled by me</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Labelled by me</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No clips yet: File ▸ Import media… adds recordings (a clip each), and the Segment tab cuts them into clips.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::ClipTableModel</name>
    <message numerus="yes">
        <source>%n dim.</source>
        <translation>
            <numerusform>%n dim.</numerusform>
            <numerusform>%n dim.</numerusform>
        </translation>
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
        <source>This expert's labels, one per dimension</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dimensions on which the experts disagree (red). Model runs and baselines are not counted; choose "all coders" in Review to count them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dimensions on which any two coders disagree, model runs and baselines included (red).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::CodebookEditor</name>
    <message>
        <source>Codebook</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>version %1; saving makes version %2 (%n earlier version(s) stay in the project)</source>
        <translation>
            <numerusform>version %1; saving makes version %2 (%n earlier version stays in the project)</numerusform>
            <numerusform>version %1; saving makes version %2 (%n earlier versions stay in the project)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dimension / class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add &amp;dimension</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add &amp;class</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The id labels are stored under. Renaming a used one moves its labels (you are asked).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>One example per line</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>By position</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Examples</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Keyboard row</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>N&amp;ame (id)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>De&amp;finition</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Import JSON…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>E&amp;xport JSON…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import a codebook</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Codebooks (*.json);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export the codebook</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Codebooks (*.json)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Class&lt;/b&gt; of %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Dimension&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Codebook not saved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This change would leave labels without a class:
%1

Rename the class instead of removing it (its labels move with it), or clear those labels first. Nothing was changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>dimension %1 → %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1/%2 → %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rename labels</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n stored label(s) will move to the new names:</source>
        <translation>
            <numerusform>%n stored label will move to the new names:</numerusform>
            <numerusform>%n stored labels will move to the new names:</numerusform>
        </translation>
    </message>
    <message>
        <source>The labels and the new codebook version are saved together; the old version stays in the project.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The texts the interface shows in this language instead of the id and definition above. Empty: those are shown.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shown defini&amp;tion</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Codebook saved. The translations of %n rewritten definition(s) were removed: they described the old text. Write new ones under "In language" in Edit ▸ Codebook….</source>
        <translation>
            <numerusform>Codebook saved. The translation of %n rewritten definition was removed: it described the old text. Write a new one under "In language" in Edit ▸ Codebook….</numerusform>
            <numerusform>Codebook saved. The translations of %n rewritten definitions were removed: they described the old text. Write new ones under "In language" in Edit ▸ Codebook….</numerusform>
        </translation>
    </message>
    <message>
        <source>Descri&amp;ption</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sho&amp;wn name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>In lan&amp;guage</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>De&amp;scription</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shown descrip&amp;tion</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>dimension_%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>class_1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>class_2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>class_%1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Discard your changes to the codebook? Nothing of them is saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Keep editing</source>
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
    <name>motor::ui::DataTransfer</name>
    <message>
        <source>Import &amp;media…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import &amp;transcripts…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import &amp;labels…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Export dataset…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import media</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Videos (*.mp4 *.mov *.mkv *.avi *.webm *.m4v);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import transcripts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import the recording first: a transcript belongs to a recording.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transcript of the recording:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transcripts (*.srt *.vtt *.eaf *.txt *.csv *.tsv *.json);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import labels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Label tables (*.csv);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Importing media</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Importing transcripts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Importing labels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Exporting the dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export cancelled after: %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Exported to %1: %2.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1…

Cancel only stops waiting: the import is one transaction that cannot be stopped midway. It either completes in full or changes nothing.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1…

Cancel stops after the file being written; files already written stay.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The import failed. Nothing was changed: an import is one transaction, so the project is exactly as it was.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The export failed. Files written before the error stay in the folder.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1 already has a transcript of %n utterance(s).</source>
        <translation>
            <numerusform>%1 already has a transcript of %n utterance.</numerusform>
            <numerusform>%1 already has a transcript of %n utterances.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replace it with the new file, or add the new utterances beside it? Labels are not affected.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Add beside it</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n recording(s) imported</source>
        <translation>
            <numerusform>%n recording imported</numerusform>
            <numerusform>%n recordings imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) made.</source>
        <translation>
            <numerusform>%n clip made.</numerusform>
            <numerusform>%n clips made.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the project.</source>
        <translation>
            <numerusform>%n already in the project.</numerusform>
            <numerusform>%n already in the project.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n utterance(s) now in the transcript of %1.</source>
        <translation>
            <numerusform>%n utterance now in the transcript of %1.</numerusform>
            <numerusform>%n utterances now in the transcript of %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replaced %n earlier utterance(s) (%1–%2).</source>
        <translation>
            <numerusform>Replaced %n earlier utterance (%1–%2).</numerusform>
            <numerusform>Replaced %n earlier utterances (%1–%2).</numerusform>
        </translation>
    </message>
    <message>
        <source>Warning: %1.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n label(s) imported</source>
        <translation>
            <numerusform>%n label imported</numerusform>
            <numerusform>%n labels imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new coder(s).</source>
        <translation>
            <numerusform>%n new coder.</numerusform>
            <numerusform>%n new coders.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n label row(s)</source>
        <translation>
            <numerusform>%n label row</numerusform>
            <numerusform>%n label rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) in JSONL</source>
        <translation>
            <numerusform>%n clip in JSONL</numerusform>
            <numerusform>%n clips in JSONL</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ELAN document(s)</source>
        <translation>
            <numerusform>%n ELAN document</numerusform>
            <numerusform>%n ELAN documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip video(s)</source>
        <translation>
            <numerusform>%n clip video</numerusform>
            <numerusform>%n clip videos</numerusform>
        </translation>
    </message>
    <message>
        <source>The file would change labels the project has already.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Overwrite them</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation>
            <numerusform>%n changed</numerusform>
            <numerusform>%n changed</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge other copies of this project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>MOTOR projects (*.motor);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The same coder labelled some clips differently in the two copies.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Keep &amp;this project's</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Take the &amp;other copy's</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The &amp;newer change wins</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Merging projects</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>clip %1, %2, %3: here %4, there %5</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1: %n conflicting label(s); nothing of this copy was merged.</source>
        <translation>
            <numerusform>%1: %n conflicting label; nothing of this copy was merged.</numerusform>
            <numerusform>%1: %n conflicting labels; nothing of this copy was merged.</numerusform>
        </translation>
    </message>
    <message>
        <source>Merged before it: %1.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Merged %1: %n label(s) brought in</source>
        <translation>
            <numerusform>Merged %1: %n label brought in</numerusform>
            <numerusform>Merged %1: %n labels brought in</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) settled</source>
        <translation>
            <numerusform>%n conflict settled</numerusform>
            <numerusform>%n conflicts settled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>a wide table of %n clip(s)</source>
        <translation>
            <numerusform>a wide table of %n clip</numerusform>
            <numerusform>a wide table of %n clips</numerusform>
        </translation>
    </message>
    <message>
        <source>the agreement and F1 tables</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>a coding log of %n change(s)</source>
        <translation>
            <numerusform>a coding log of %n change</numerusform>
            <numerusform>a coding log of %n changes</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was changed yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(newer)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The merge failed. The copy it failed on changed nothing (each copy is merged in one transaction); copies merged before it stay merged.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Merge cancelled: nothing changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mer&amp;ge copies of this project…</source>
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
        <source>&amp;Coder:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ask every time a project opens (a shared computer)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::ExportDialog</name>
    <message>
        <source>Export dataset</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Labels as CSV (labels.csv; Import labels reads it back)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clips with transcript and labels as JSONL (clips.jsonl)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ELAN documents, one per recording (elan/)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cut every clip into its own video (clips/; slow)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Existing files of the same name in the folder are replaced.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Wide table for R or SPSS: a row per clip, a column per coder and dimension, notes included (wide.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Coding log: every label change with its time and the clip time (coding_log.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Agreement and F1 tables as in the Metrics tab (agreement.csv, per_class.csv, coefficients.csv)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::FileDialogs</name>
    <message>
        <source>Folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 file</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::LabelPanel</name>
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
    <message>
        <source>Next unlabelled clip  (N)</source>
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
        <source>&amp;Predict</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+4</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Who is labelling: switch coder, add one, or have MOTOR Studio ask on every open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No coder chosen: labelling is off. Choose one with "Coder" below.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot use this coder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New coder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ask who is labelling on every open</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1 — %2 / %n clip(s) labelled — MOTOR Studio</source>
        <translation>
            <numerusform>%1 — %2 / %n clip labelled — MOTOR Studio</numerusform>
            <numerusform>%1 — %2 / %n clips labelled — MOTOR Studio</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 / %n clip(s) done</source>
        <translation>
            <numerusform>%1 / %n clip done</numerusform>
            <numerusform>%1 / %n clips done</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Blind coding</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Each coder sees only their own labels, without the conflict column, the review or the metrics, until they have labelled every clip or a lead unlocks them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Blind coding</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unlock the review</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 will see the other coders' labels, the conflicts, the review and the metrics before finishing. Unlock?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Blind coding: shown once you have labelled every clip, or a lead unlocks it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Segment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+5</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Codebook not changed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The codebook change cannot be undone or redone: nothing was changed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next &amp;unlabelled clip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Coder: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Coder: none (labelling off) — choose</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>User &amp;guide (English)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Models and where to get them (English)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transcri&amp;be recording…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Codebook…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Un&amp;lock the review for this coder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>La&amp;nguage</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every clip the list shows is labelled; clear its filters for the others.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Updated with changes made elsewhere (another window on this project, the command line).</source>
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
    <message numerus="yes">
        <source>Fleiss' κ counts only the %n clip(s) every coder rated; α counts every clip two coders rated.</source>
        <translation>
            <numerusform>Fleiss' κ counts only the %n clip every coder rated; α counts every clip two coders rated.</numerusform>
            <numerusform>Fleiss' κ counts only the %n clips every coder rated; α counts every clip two coders rated.</numerusform>
        </translation>
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
        <translation>
            <numerusform>%1: %2 says %3, %4 says %5 — %n clip</numerusform>
            <numerusform>%1: %2 says %3, %4 says %5 — %n clips</numerusform>
        </translation>
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
    <message>
        <source>Covers fewer clips than the reference rated: not comparable with a coder who did them all</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n clip(s) rated by both this coder and the reference</source>
        <translation>
            <numerusform>%n clip rated by both this coder and the reference</numerusform>
            <numerusform>%n clips rated by both this coder and the reference</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 vs %2: κ = %3 on %n clip(s)</source>
        <translation>
            <numerusform>%1 vs %2: κ = %3 on %n clip</numerusform>
            <numerusform>%1 vs %2: κ = %3 on %n clips</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>motor::ui::NewProjectCodebook</name>
    <message>
        <source>Codebook of the new project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Which codebook do the coders label with? You can edit it later (Edit ▸ Codebook…).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The &amp;MOTOR codebook (behaviour, cognition, emotion)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Another project's codebook</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A codebook &amp;file (JSON)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A &amp;new codebook, edited next</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Another project</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>MOTOR projects (*.motor);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A codebook file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Codebooks (*.json);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>My codebook</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a codebook file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a project.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot use this codebook</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>dimension_1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>class_1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>class_2</source>
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
    <message>
        <source>Position in the recording</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Loop the recording (L)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::PredictionJob</name>
    <message>
        <source>Cancelled: start the same run again to resume it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelled before the run started.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1 labelled now, %2 done earlier, %3 failed, of %n clip(s).</source>
        <translation>
            <numerusform>%1 labelled now, %2 done earlier, %3 failed, of %n clip.</numerusform>
            <numerusform>%1 labelled now, %2 done earlier, %3 failed, of %n clips.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped, the finished clips kept: %1 When the server can serve again, start the same run to resume it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nothing was stored.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::PredictorPanel</name>
    <message>
        <source>Baseline: majority class of an expert</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Baseline: transcript cue words</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Local model (.gguf or Hugging Face folder)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>OpenAI-compatible server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>motor-mas — behavior, cognition, emotion agents</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>single-agent — one prompt for all</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no-srl — agents without SRL theory</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>text-only — transcript, no frames</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All clips</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clips no expert has labelled yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clips shown in the browser</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clips this run has already done are skipped, so a cancelled run resumes where it stopped.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The run is stored as a coder of this name. Starting a run of the same name again resumes it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Backend:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>M&amp;ode:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>C&amp;lips:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run &amp;name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stops within a second; finished clips stay stored and the run can be resumed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A run is stored as a coder with its full provenance (backend, model, mode, prompts) and is compared with the experts in Review and Metrics. Clips are committed one by one: cancelling keeps every finished clip, and starting the same run name again resumes it. Frames leave this computer only for a remote server you confirm.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%v / %m clips</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a backend and start a run.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Double-click a clip to open it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;Results&lt;/b&gt; — each clip's labels as it finishes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Expert:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Every clip gets the class this expert used most often: the floor a model must beat.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Classifies each clip by SRL cue words in its transcript (Finnish and English); each rationale lists the cues found.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>model.gguf or a Hugging Face folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>File…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Model file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Hugging Face model folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the server's model name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send frames to this server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mo&amp;del:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose the expert whose labels the baseline counts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a model file or folder.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Enter the server URL and the model name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The browser shows no clips.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Confidence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelling… finished clips stay stored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run %1 cancelled.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run %1 finished.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>It is now in Review and Metrics.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The run did not start: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Advanced</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No run yet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>found beside a .gguf model (mmproj-….gguf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The vision projector of a .gguf model: only needed when it is not beside the model</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pro&amp;jector:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A model is one &lt;b&gt;.gguf&lt;/b&gt; file (llama.cpp's format; a vision model has an &lt;i&gt;mmproj-….gguf&lt;/i&gt; beside it) or a &lt;b&gt;Hugging Face folder&lt;/b&gt; with config.json, *.safetensors and tokenizer.json. Llama 2/3, Qwen2/2.5 and Qwen3 read the transcript; InternVL3.5 also sees the clip's frames. It runs on this computer. %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Which models work</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>auto</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>all cores</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>backend's default</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clips decoded together (local) or requests in flight (server)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> characters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Share the clip context between agents</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Off recomputes the context for every agent (for comparison); the labels are the same</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>built-in prompts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A folder of prompt templates (*.txt) overriding the built-in ones</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>De&amp;vice:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Batc&amp;h:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Retr&amp;ies:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rationale &amp;up to:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Prompts:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;span style="color:#b3261e"&gt;Cannot use this model: %1&lt;/span&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; language model with a vision tower: &lt;b&gt;it sees the frames&lt;/b&gt; (%2 per clip, %3×%3).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; language model without a vision tower: it reads the transcript only (runs record frames_used=false).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>automatic: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Frames at (s)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1 of %n clip(s) · elapsed %2 · about %3 left</source>
        <translation>
            <numerusform>%1 of %n clip · elapsed %2 · about %3 left</numerusform>
            <numerusform>%1 of %n clips · elapsed %2 · about %3 left</numerusform>
        </translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The model read the transcript only</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The frames the model saw, in seconds from the clip's start; select the row to see them</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Frame %1 at %2 s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>One server, or several separated by commas: the clips are spread over them.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clip frames would leave this computer for: %1. Without this, choose text-only or use a local server.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Running on: %1</source>
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
    <message>
        <source>No coder is chosen.</source>
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
        <source>Dissenting votes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Over the dimensions: the labels that differ from each dimension's most chosen label</source>
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
        <translation>
            <numerusform>Clip &lt;b&gt;%1&lt;/b&gt; — coders disagree on %n dimension</numerusform>
            <numerusform>Clip &lt;b&gt;%1&lt;/b&gt; — coders disagree on %n dimensions</numerusform>
        </translation>
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
        <translation>
            <numerusform>%n contested clip</numerusform>
            <numerusform>%n contested clips</numerusform>
        </translation>
    </message>
    <message>
        <source>Disagreement among experts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Disagreement among all coders (models too)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Whether model runs and baselines count as dissenting coders here, in the queue and in the browser's Conflict column</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&lt;span style="background:%1"&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; agrees with the majority of %3 &amp;nbsp; &lt;span style="background:%2"&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; differs from it &amp;nbsp; &lt;span style="background:%4"&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; a tie, no majority &amp;nbsp; (n.nn) confidence &amp;nbsp; ✎ rationale or note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>all coders</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the experts</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Clip &lt;b&gt;%1&lt;/b&gt; — experts disagree on %n dimension(s)</source>
        <translation>
            <numerusform>Clip &lt;b&gt;%1&lt;/b&gt; — experts disagree on %n dimension</numerusform>
            <numerusform>Clip &lt;b&gt;%1&lt;/b&gt; — experts disagree on %n dimensions</numerusform>
        </translation>
    </message>
    <message>
        <source>Backend: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mode: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ran on: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not on the GPU: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::SegmentTimeline</name>
    <message>
        <source>Click a clip to select it and move the playhead; drag a clip's edge to move it. I / O: set in / out at the playhead; S: split; G: merge with next; Insert: new clip; Delete: delete; Shift or Ctrl + arrows: nudge in / out by 100 ms (Alt: one frame). Ctrl+wheel or + / -: zoom; 0: the whole recording; wheel: scroll</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::SegmentView</name>
    <message>
        <source>Recording</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Set in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start the selected clip at the playhead (I)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Set out</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>End the selected clip at the playhead (O)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Split</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Split the selected clip at the playhead (S)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Merge with next</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Join the next clip into the selected one (G); refused when the next clip has labels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New clip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A new clip from the playhead, in a gap between clips (Insert)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete the selected clip (Delete); refused when it has labels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reviewed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Clear or set the selected clip's "needs a second look" flag (R)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No clip selected: click one in the timeline.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: %2 – %3 (%4 s)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>, labelled</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> — its range changed after labelling: needs a second look</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select a clip first: click it in the timeline.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Set the in point of %1 to %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Set the out point of %1 to %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move the in point of %1 to %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Move the out point of %1 to %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Split %1 at %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 is the last clip of this recording: there is nothing to merge it with.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Merge %1 into %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Flag %1 for a second look</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mark %1 as reviewed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The playhead is inside %1: split it (S) or move the playhead to a gap.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No room for a new clip at the playhead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New clip %1 at %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shift+←/→ nudge in, Ctrl+←/→ nudge out by 100 ms (with Alt: one frame) · drag a clip's edge to move it · ↑/↓ previous / next clip · Ctrl+wheel or +/− zoom, 0 the whole recording · Ctrl+Z undo</source>
        <translation type="unfinished" />
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
        <source>Redo</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Search clips</source>
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
    <message>
        <source>Label, Review, Metrics, Predict, Segment view</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segment: the selected clip starts / ends at the playhead</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segment: split the clip at the playhead / merge it with the next</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Insert / Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segment: a new clip at the playhead / delete the clip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shift / Ctrl + Left / Right</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segment: move the in / out point by 100 ms (with Alt: one frame)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Up / Down</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segment: previous / next clip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Undo the last change: a label, a clip or the transcript</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transcript: give it the keyboard (or click a line)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>F2 / Enter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transcript: edit the line's text (Enter saves, Esc cancels, Ctrl+P splits at the cursor)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transcript: the speaker of every selected line</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transcript: the line starts / ends at the playhead</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transcript: its start / end 100 ms earlier / later</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transcript: split the line at the playhead / merge it with the next</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transcript: delete the selected lines</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Insert / Ctrl+Enter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transcript: a new utterance at the playhead (to the next one, at most 2 s), its text open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Next unlabelled clip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segment: set or clear the clip's "needs a second look" flag</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Segment: zoom the timeline in / out / to the whole recording</source>
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
    <name>motor::ui::TranscribeDialog</name>
    <message>
        <source>Transcribe recording</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Recording:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This computer (Whisper model)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A server (OpenAI-compatible /v1/audio/transcriptions)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run &amp;on:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A Whisper model: a Hugging Face folder, a whisper.cpp ggml file, or its name in %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Folder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>File…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Whisper model folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>whisper.cpp model file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ggml models (*.bin);;All files (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send the recording's audio to this server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Detect</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finnish</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Re&amp;place it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A&amp;dd the new utterances beside it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Transcribe</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 of %2 transcribed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>about %1 left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The recording's audio would leave this computer for %1. Without this, transcribe on this computer.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>This recording has a transcript of %n utterance(s):</source>
        <translation>
            <numerusform>This recording has a transcript of %n utterance:</numerusform>
            <numerusform>This recording has a transcript of %n utterances:</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The project has no recording.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Give the name the server serves its model under.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a Whisper model (a folder, a ggml file or a name).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Uploading the audio: %1 of %2 MB</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Uploaded; the server is transcribing…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>(tick "%1"), or transcribe on this computer</source>
        <extracomment>How to allow sending the audio: %3 in "openai: sending %1 to %2, which is not this machine, ...".</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>auto (the GPU when it can)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>De&amp;vice:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Replace the transcript?</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>This replaces the %n utterance(s) of %1, corrections made by hand included, and cannot be undone. "Add the new utterances beside it" keeps them.</source>
        <translation>
            <numerusform>This replaces the %n utterance of %1, corrections made by hand included, and cannot be undone. "Add the new utterances beside it" keeps it.</numerusform>
            <numerusform>This replaces the %n utterances of %1, corrections made by hand included, and cannot be undone. "Add the new utterances beside it" keeps them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replace</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a model's name, a Hugging Face folder or a ggml file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Model &amp;name:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::TranscriptPane</name>
    <message>
        <source>Speaker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Utterance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No transcript for this clip. Right-click to add an utterance at the playhead.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit the text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Speaker of the selected lines</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New utterance at the playhead</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Insert</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Split at the playhead</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Merge with the next</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete the selected lines</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 – %2 in the recording</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transcribe…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Make this recording's transcript from its audio with a Whisper model</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Click a line to play from there. With the transcript focused (click or Ctrl+T):
F2, Enter or double-click: edit the text (Enter saves, Esc cancels, Ctrl+P splits at the text cursor)
Shift+F2: the speaker of every selected line (Shift or Ctrl + click selects several)
I / O: the utterance starts / ends at the playhead
Shift / Ctrl + Left / Right: its start / end 100 ms earlier / later
P: split it at the playhead · U: merge it with the next · Delete: delete the selected lines
Insert or Ctrl+Enter: a new utterance at the playhead, its text open for typing
Every edit is saved at once; Ctrl+Z undoes it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>F2 edit · I / O start / end at the playhead · P split · U merge · Insert new · Shift+F2 speaker · Ctrl+T transcript · F1 all keys</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Insert an utterance at %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a coder ("Coder" in the status bar) to edit the transcript: without one the project is read-only.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The player has no position yet: play or seek first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Select an utterance first: click it, or move with Up / Down.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The utterance at %1 starts at %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The utterance at %1 ends at %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Merge the utterance at %1 with the next one</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Delete %n utterance(s)</source>
        <translation>
            <numerusform>Delete %n utterance</numerusform>
            <numerusform>Delete %n utterances</numerusform>
        </translation>
    </message>
    <message>
        <source>Split the utterance at %1 at %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Edit the text of the utterance at %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Set the speaker of %n utterance(s) to %1</source>
        <translation>
            <numerusform>Set the speaker of %n utterance to %1</numerusform>
            <numerusform>Set the speaker of %n utterances to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>"%1" is not a time: write minutes:seconds from the clip's start, e.g. 0:03.5.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not changed: the end (%1) must come after the start (%2).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not split: the playhead (%1) is not inside this utterance (%2 – %3). Move it to where the second part begins.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>motor::ui::TranscriptionJob</name>
    <message>
        <source>Cancelled: the transcript is as it was.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n utterance(s) written</source>
        <translation>
            <numerusform>%n utterance written</numerusform>
            <numerusform>%n utterances written</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n earlier one(s) replaced</source>
        <translation>
            <numerusform>%n earlier one replaced</numerusform>
            <numerusform>%n earlier ones replaced</numerusform>
        </translation>
    </message>
    <message>
        <source>Language %1; %2 s of audio in %3 s.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ran on: %1</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
