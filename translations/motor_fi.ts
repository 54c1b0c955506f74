<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fi_FI">
<context>
    <name>ClipEditCommand</name>
    <message>
        <source>"%1" was not undone or redone: its clips were changed since (in another window or by an import). Nothing was changed.</source>
        <translation>"%1" jäi kumoamatta tai tekemättä uudelleen: sen leikkeitä on muutettu sen jälkeen (toisessa ikkunassa tai tuonnilla). Mitään ei muutettu.</translation>
    </message>
</context>
<context>
    <name>CodebookChangeCommand</name>
    <message>
        <source>Codebook change (version %1)</source>
        <translation>Koodikirjan muutos (versio %1)</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>Cancel</source>
        <translation>Peruuta</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sulje</translation>
    </message>
</context>
<context>
    <name>QProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Peruuta</translation>
    </message>
</context>
<context>
    <name>ScreenshotRunner</name>
    <message>
        <source>--screenshot needs a project</source>
        <translation>--screenshot tarvitsee projektin</translation>
    </message>
    <message>
        <source>unknown view "%1"</source>
        <translation>tuntematon näkymä "%1"</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>tiedostoon %1 ei voi kirjoittaa</translation>
    </message>
    <message>
        <source>%1 has no coder %2</source>
        <translation>projektissa %1 ei ole koodaajaa %2</translation>
    </message>
    <message>
        <source>%1 has no label of %2</source>
        <translation>projektissa %1 ei ole koodaajan %2 luokituksia</translation>
    </message>
    <message>
        <source>cannot copy %1 to %2</source>
        <translation>tiedostoa %1 ei voi kopioida kohteeseen %2</translation>
    </message>
    <message>
        <source>the merge asked nothing: %1</source>
        <translation>yhdistäminen ei kysynyt mitään: %1</translation>
    </message>
    <message>
        <source>no transcription dialog</source>
        <translation>litterointi-ikkuna ei auennut</translation>
    </message>
</context>
<context>
    <name>SetLabelCommand</name>
    <message>
        <source>Clear %1 of %2</source>
        <translation>Poista %1 leikkeeltä %2</translation>
    </message>
    <message>
        <source>Edit note of %1 on %2</source>
        <translation>Muokkaa huomautusta %1 leikkeellä %2</translation>
    </message>
    <message>
        <source>Set %1 = %2 on %3</source>
        <translation>Aseta %1 = %2 leikkeelle %3</translation>
    </message>
    <message>
        <source>"%1" was not undone or redone: that label was changed since (in another window or by an import). Nothing was changed.</source>
        <translation>"%1" jäi kumoamatta tai tekemättä uudelleen: luokitusta on muutettu sen jälkeen (toisessa ikkunassa tai tuonnilla). Mitään ei muutettu.</translation>
    </message>
</context>
<context>
    <name>TranscriptEditCommand</name>
    <message>
        <source>"%1" was not undone or redone: the transcript was changed there since (in another window or by an import). Nothing was changed.</source>
        <translation>"%1" jäi kumoamatta tai tekemättä uudelleen: litteraattia on muutettu siinä kohdassa sen jälkeen (toisessa ikkunassa tai tuonnilla). Mitään ei muutettu.</translation>
    </message>
</context>
<context>
    <name>motor::Codebook</name>
    <message>
        <source>%1.i18n: must be an object of language codes</source>
        <translation>%1.i18n: pitää olla olio, jonka avaimet ovat kielikoodeja</translation>
    </message>
    <message>
        <source>%1.i18n.%2: expected a language code with {"name", "%3"}</source>
        <translation>%1.i18n.%2: odotettiin kielikoodia, jolla on {"name", "%3"}</translation>
    </message>
    <message>
        <source>%1: offset %2: %3</source>
        <translation>%1: kohta %2: %3</translation>
    </message>
    <message>
        <source>%1: top level is not a JSON object</source>
        <translation>%1: ylin taso ei ole JSON-olio</translation>
    </message>
    <message>
        <source>%1: "name" missing or empty</source>
        <translation>%1: "name" puuttuu tai on tyhjä</translation>
    </message>
    <message>
        <source>%1: "dimensions" must be a non-empty array</source>
        <translation>%1: "dimensions" pitää olla ei-tyhjä taulukko</translation>
    </message>
    <message>
        <source>%1.name missing or empty</source>
        <translation>%1.name puuttuu tai on tyhjä</translation>
    </message>
    <message>
        <source>%1: duplicate dimension "%2"</source>
        <translation>%1: ulottuvuus "%2" on kahdesti</translation>
    </message>
    <message>
        <source>%1.keyRow: must be a keyboard row 1-4</source>
        <translation>%1.keyRow: pitää olla näppäinrivi 1–4</translation>
    </message>
    <message>
        <source>%1.classes: at least two classes are needed</source>
        <translation>%1.classes: luokkia tarvitaan vähintään kaksi</translation>
    </message>
    <message>
        <source>%1.classes[%2].name missing or empty</source>
        <translation>%1.classes[%2].name puuttuu tai on tyhjä</translation>
    </message>
    <message>
        <source>%1.classes[%2]: duplicate class "%3"</source>
        <translation>%1.classes[%2]: luokka "%3" on kahdesti</translation>
    </message>
    <message>
        <source>%1.classes[%2].examples: must be an array of strings</source>
        <translation>%1.classes[%2].examples: pitää olla merkkijonotaulukko</translation>
    </message>
    <message>
        <source>%1.classes: two classes are both shown as "%2" in %3</source>
        <translation>%1.classes: kaksi luokkaa näytetään kielellä %3 samalla nimellä "%2"</translation>
    </message>
    <message>
        <source>%1: dimensions[%2]: "%3" and "%4" both use keyboard row %5</source>
        <translation>%1: dimensions[%2]: "%3" ja "%4" käyttävät molemmat näppäinriviä %5</translation>
    </message>
    <message>
        <source>%1.name has spaces around it</source>
        <translation>%1.name: nimen alussa tai lopussa on välilyönti</translation>
    </message>
    <message>
        <source>%1.classes[%2].name has spaces around it</source>
        <translation>%1.classes[%2].name: nimen alussa tai lopussa on välilyönti</translation>
    </message>
</context>
<context>
    <name>motor::agents::BackendFactory</name>
    <message>
        <source>cpu (a baseline: counts %1's labels)</source>
        <translation>cpu (vertailutaso: laskee asiantuntijan %1 luokitukset)</translation>
    </message>
    <message>
        <source>cpu (a baseline: cue words in the transcript)</source>
        <translation>cpu (vertailutaso: vihjesanat litteraatissa)</translation>
    </message>
</context>
<context>
    <name>motor::agents::OpenAiModel</name>
    <message>
        <source>openai: sending %1 to %2, which is not this machine, needs explicit confirmation %3</source>
        <extracomment>%1: what would leave (clip frames, the recording's audio); %2: the host; %3: how to allow it.</extracomment>
        <translation>openai: %1 lähettäminen palvelimelle %2, joka ei ole tämä tietokone, vaatii nimenomaisen vahvistuksen %3</translation>
    </message>
    <message>
        <source>clip frames</source>
        <extracomment>What would leave the machine: %1 in "openai: sending %1 to %2, ...".</extracomment>
        <translation>leikkeiden kuvien</translation>
    </message>
    <message>
        <source>(--allow-remote-frames), or use --mode text-only</source>
        <extracomment>How to allow it: %3 in "openai: sending %1 to %2, ...".</extracomment>
        <translation>(--allow-remote-frames) tai käytä valintaa --mode text-only</translation>
    </message>
</context>
<context>
    <name>motor::speech::ServerTranscriber</name>
    <message>
        <source>openai %1: the reply is not JSON (%2 at byte %3): "%4"</source>
        <translation>openai %1: vastaus ei ole JSONia (%2 tavun %3 kohdalla): "%4"</translation>
    </message>
    <message>
        <source>openai %1: the reply has no "segments" with times (the server does not answer response_format=verbose_json)</source>
        <translation>openai %1: vastauksessa ei ole aikoja sisältävää "segments"-kenttää (palvelin ei vastaa muodossa response_format=verbose_json)</translation>
    </message>
    <message>
        <source>openai %1: segment %2 of the reply lacks a numeric start and end or a text</source>
        <translation>openai %1: vastauksen segmentistä %2 puuttuu numeerinen alku ja loppu tai teksti</translation>
    </message>
    <message>
        <source>openai %1: segment %2 of the reply has a negative time (%3 - %4 s)</source>
        <translation>openai %1: vastauksen segmentissä %2 on negatiivinen aika (%3 - %4 s)</translation>
    </message>
    <message>
        <source>openai %1: transcription cancelled</source>
        <translation>openai %1: litterointi peruttiin</translation>
    </message>
    <message>
        <source>; set MOTOR_OPENAI_API_KEY</source>
        <translation>; aseta MOTOR_OPENAI_API_KEY</translation>
    </message>
    <message>
        <source>; the server does not serve /v1/audio/transcriptions</source>
        <translation>; palvelin ei tarjoa rajapintaa /v1/audio/transcriptions</translation>
    </message>
    <message>
        <source>; is the server running? check --url</source>
        <translation>; onko palvelin käynnissä? tarkista --url</translation>
    </message>
</context>
<context>
    <name>motor::speech::Transcriber</name>
    <message>
        <source>%1: transcription cancelled; the project is unchanged</source>
        <translation>%1: litterointi peruttiin; projekti on ennallaan</translation>
    </message>
    <message>
        <source>openai: --url must be an http(s) URL, got '%1'</source>
        <translation>openai: --url-osoitteen on oltava http(s)-URL, nyt se on '%1'</translation>
    </message>
    <message>
        <source>the recording's audio</source>
        <extracomment>What would leave the machine: %1 in "openai: sending %1 to %2, which is not this machine, ...".</extracomment>
        <translation>tallenteen äänen</translation>
    </message>
    <message>
        <source>(--allow-remote-audio), or transcribe on this machine (--backend local)</source>
        <extracomment>How to allow it: %3 in "openai: sending %1 to %2, which is not this machine, ...".</extracomment>
        <translation>(--allow-remote-audio) tai litteroi tällä tietokoneella (--backend local)</translation>
    </message>
    <message>
        <source>%1; the project is unchanged</source>
        <translation>%1; projekti on ennallaan</translation>
    </message>
    <message>
        <source>%1: has a transcript already (%2 utterances); choose to replace it or to add the new utterances beside it</source>
        <translation>%1: tallenteella on jo litteraatti (puheenvuoroja: %2); valitse, korvataanko se vai lisätäänkö uudet puheenvuorot sen rinnalle</translation>
    </message>
    <message>
        <source>%1: the recording has no audio track</source>
        <translation>%1: tallenteessa ei ole ääniraitaa</translation>
    </message>
</context>
<context>
    <name>motor::ui::ClipBrowser</name>
    <message>
        <source>Search clips, groups, sessions (Ctrl+F)</source>
        <translation>Hae leikkeitä, ryhmiä, tunteja (Ctrl+F)</translation>
    </message>
    <message>
        <source>All clips</source>
        <translation>Kaikki leikkeet</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>Erimielisyydet</translation>
    </message>
    <message>
        <source>Model vs expert differ</source>
        <translation>Malli ja asiantuntija eri mieltä</translation>
    </message>
    <message>
        <source>Show clips by labelling state</source>
        <translation>Näytä leikkeet luokittelun tilan mukaan</translation>
    </message>
    <message>
        <source>Show one group</source>
        <translation>Näytä yksi ryhmä</translation>
    </message>
    <message>
        <source>Show clips that some coder put in this class</source>
        <translation>Näytä leikkeet, jotka joku koodaaja on luokitellut tähän luokkaan</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Tyhjennä</translation>
    </message>
    <message>
        <source>Show all clips again</source>
        <translation>Näytä taas kaikki leikkeet</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>Kaikki ryhmät</translation>
    </message>
    <message>
        <source>Any class</source>
        <translation>Kaikki luokat</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Ristiriita</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n clip(s) shown</source>
        <translation>
            <numerusform>Näytetään %1 / %n leike</numerusform>
            <numerusform>Näytetään %1 / %n leikettä</numerusform>
        </translation>
    </message>
    <message>
        <source>Unlabelled by me</source>
        <translation>Minulta luokittelematta</translation>
    </message>
    <message>
        <source>Labelled by me</source>
        <translation>Luokittelemani</translation>
    </message>
    <message>
        <source>No clips yet: File ▸ Import media… adds recordings (a clip each), and the Segment tab cuts them into clips.</source>
        <translation>Ei vielä leikkeitä: Tiedosto ▸ Tuo mediaa… lisää tallenteita (kukin yhdeksi leikkeeksi), ja Rajaus-välilehti leikkaa ne leikkeiksi.</translation>
    </message>
</context>
<context>
    <name>motor::ui::ClipTableModel</name>
    <message numerus="yes">
        <source>%n dim.</source>
        <translation>
            <numerusform>%n ulott.</numerusform>
            <numerusform>%n ulott.</numerusform>
        </translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(ei mitään)</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>Leike</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Ryhmä</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Kesto</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Ristiriita</translation>
    </message>
    <message>
        <source>This expert's labels, one per dimension</source>
        <translation>Tämän asiantuntijan luokitukset, yksi kullekin ulottuvuudelle</translation>
    </message>
    <message>
        <source>Dimensions on which the experts disagree (red). Model runs and baselines are not counted; choose "all coders" in Review to count them.</source>
        <translation>Ulottuvuudet, joista asiantuntijat ovat eri mieltä (punainen). Mallien ajoja ja vertailutasoja ei lasketa; valitse Tarkastelussa "kaikki koodaajat", niin ne lasketaan.</translation>
    </message>
    <message>
        <source>Dimensions on which any two coders disagree, model runs and baselines included (red).</source>
        <translation>Ulottuvuudet, joista mitkä tahansa kaksi koodaajaa ovat eri mieltä, mallien ajot ja vertailutasot mukaan lukien (punainen).</translation>
    </message>
</context>
<context>
    <name>motor::ui::CodebookEditor</name>
    <message>
        <source>Codebook</source>
        <translation>Koodikirja</translation>
    </message>
    <message numerus="yes">
        <source>version %1; saving makes version %2 (%n earlier version(s) stay in the project)</source>
        <translation>
            <numerusform>versio %1; tallennus tekee version %2 (%n aiempi versio säilyy projektissa)</numerusform>
            <numerusform>versio %1; tallennus tekee version %2 (%n aiempaa versiota säilyy projektissa)</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nimi</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versio</translation>
    </message>
    <message>
        <source>Dimension / class</source>
        <translation>Ulottuvuus / luokka</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Näppäimet</translation>
    </message>
    <message>
        <source>Add &amp;dimension</source>
        <translation>Lisää &amp;ulottuvuus</translation>
    </message>
    <message>
        <source>Add &amp;class</source>
        <translation>Lisää &amp;luokka</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Poista</translation>
    </message>
    <message>
        <source>The id labels are stored under. Renaming a used one moves its labels (you are asked).</source>
        <translation>Tunniste, jolla luokitukset tallennetaan. Käytössä olevan nimeäminen uudelleen siirtää sen luokitukset (kysytään ensin).</translation>
    </message>
    <message>
        <source>One example per line</source>
        <translation>Yksi esimerkki riville</translation>
    </message>
    <message>
        <source>By position</source>
        <translation>Järjestyksen mukaan</translation>
    </message>
    <message>
        <source>&amp;Examples</source>
        <translation>&amp;Esimerkit</translation>
    </message>
    <message>
        <source>&amp;Keyboard row</source>
        <translation>Näppäin&amp;rivi</translation>
    </message>
    <message>
        <source>N&amp;ame (id)</source>
        <translation>N&amp;imi (tunniste)</translation>
    </message>
    <message>
        <source>De&amp;finition</source>
        <translation>&amp;Määritelmä</translation>
    </message>
    <message>
        <source>&amp;Import JSON…</source>
        <translation>&amp;Tuo JSON…</translation>
    </message>
    <message>
        <source>E&amp;xport JSON…</source>
        <translation>&amp;Vie JSON…</translation>
    </message>
    <message>
        <source>Import a codebook</source>
        <translation>Tuo koodikirja</translation>
    </message>
    <message>
        <source>Codebooks (*.json);;All files (*)</source>
        <translation>Koodikirjat (*.json);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>Export the codebook</source>
        <translation>Vie koodikirja</translation>
    </message>
    <message>
        <source>Codebooks (*.json)</source>
        <translation>Koodikirjat (*.json)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Tiedostoon %1 ei voi kirjoittaa: %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Class&lt;/b&gt; of %1</source>
        <translation>Ulottuvuuden %1 &lt;b&gt;luokka&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Dimension&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ulottuvuus&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Codebook not saved</source>
        <translation>Koodikirjaa ei tallennettu</translation>
    </message>
    <message>
        <source>This change would leave labels without a class:
%1

Rename the class instead of removing it (its labels move with it), or clear those labels first. Nothing was changed.</source>
        <translation>Muutos jättäisi luokituksia ilman luokkaa:
%1

Nimeä luokka uudelleen poistamisen sijaan (sen luokitukset siirtyvät mukana) tai poista ensin nämä luokitukset. Mitään ei muutettu.</translation>
    </message>
    <message>
        <source>dimension %1 → %2</source>
        <translation>ulottuvuus %1 → %2</translation>
    </message>
    <message>
        <source>%1/%2 → %3</source>
        <translation>%1/%2 → %3</translation>
    </message>
    <message>
        <source>Rename labels</source>
        <translation>Nimeä luokitukset uudelleen</translation>
    </message>
    <message numerus="yes">
        <source>%n stored label(s) will move to the new names:</source>
        <translation>
            <numerusform>%n tallennettu luokitus siirtyy uusille nimille:</numerusform>
            <numerusform>%n tallennettua luokitusta siirtyy uusille nimille:</numerusform>
        </translation>
    </message>
    <message>
        <source>The labels and the new codebook version are saved together; the old version stays in the project.</source>
        <translation>Luokitukset ja koodikirjan uusi versio tallennetaan yhdessä; vanha versio säilyy projektissa.</translation>
    </message>
    <message>
        <source>The texts the interface shows in this language instead of the id and definition above. Empty: those are shown.</source>
        <translation>Tekstit, jotka käyttöliittymä näyttää tällä kielellä yllä olevien tunnisteen ja määritelmän sijaan. Tyhjä: ne näytetään.</translation>
    </message>
    <message>
        <source>Shown defini&amp;tion</source>
        <translation>N&amp;äytettävä määritelmä</translation>
    </message>
    <message numerus="yes">
        <source>Codebook saved. The translations of %n rewritten definition(s) were removed: they described the old text. Write new ones under "In language" in Edit ▸ Codebook….</source>
        <translation>
            <numerusform>Koodikirja tallennettu. %n uudelleen kirjoitetun määritelmän käännös poistettiin: se kuvasi vanhaa tekstiä. Kirjoita uusi kohdassa "Käännöskieli" (Muokkaa ▸ Koodikirja…).</numerusform>
            <numerusform>Koodikirja tallennettu. %n uudelleen kirjoitetun määritelmän käännökset poistettiin: ne kuvasivat vanhaa tekstiä. Kirjoita uudet kohdassa "Käännöskieli" (Muokkaa ▸ Koodikirja…).</numerusform>
        </translation>
    </message>
    <message>
        <source>Descri&amp;ption</source>
        <translation>&amp;Kuvaus</translation>
    </message>
    <message>
        <source>Sho&amp;wn name</source>
        <translation>Nä&amp;ytettävä nimi</translation>
    </message>
    <message>
        <source>In lan&amp;guage</source>
        <translation>Käännö&amp;skieli</translation>
    </message>
    <message>
        <source>De&amp;scription</source>
        <translation>Kuv&amp;aus</translation>
    </message>
    <message>
        <source>Shown descrip&amp;tion</source>
        <translation>N&amp;äytettävä kuvaus</translation>
    </message>
    <message>
        <source>dimension_%1</source>
        <translation>ulottuvuus_%1</translation>
    </message>
    <message>
        <source>class_1</source>
        <translation>luokka_1</translation>
    </message>
    <message>
        <source>class_2</source>
        <translation>luokka_2</translation>
    </message>
    <message>
        <source>class_%1</source>
        <translation>luokka_%1</translation>
    </message>
    <message>
        <source>Discard your changes to the codebook? Nothing of them is saved.</source>
        <translation>Hylätäänkö koodikirjaan tehdyt muutokset? Niistä ei tallenneta mitään.</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Jatka muokkausta</translation>
    </message>
</context>
<context>
    <name>motor::ui::ConfusionHeatmap</name>
    <message>
        <source>Click a cell to show exactly those clips in the browser</source>
        <translation>Napsauta solua, niin selaimessa näytetään juuri nämä leikkeet</translation>
    </message>
    <message>
        <source>Choose a reference and a coder</source>
        <translation>Valitse vertailukohta ja koodaaja</translation>
    </message>
    <message>
        <source>%1 (columns)</source>
        <translation>%1 (sarakkeet)</translation>
    </message>
    <message>
        <source>%1 (rows)</source>
        <translation>%1 (rivit)</translation>
    </message>
</context>
<context>
    <name>motor::ui::DataTransfer</name>
    <message>
        <source>Import &amp;media…</source>
        <translation>Tuo &amp;mediaa…</translation>
    </message>
    <message>
        <source>Import &amp;transcripts…</source>
        <translation>Tuo &amp;litteraatteja…</translation>
    </message>
    <message>
        <source>Import &amp;labels…</source>
        <translation>Tuo luo&amp;kituksia…</translation>
    </message>
    <message>
        <source>&amp;Export dataset…</source>
        <translation>Vie a&amp;ineisto…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Import media</source>
        <translation>Tuo mediaa</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mov *.mkv *.avi *.webm *.m4v);;All files (*)</source>
        <translation>Videot (*.mp4 *.mov *.mkv *.avi *.webm *.m4v);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>Import transcripts</source>
        <translation>Tuo litteraatteja</translation>
    </message>
    <message>
        <source>Import the recording first: a transcript belongs to a recording.</source>
        <translation>Tuo ensin tallenne: litteraatti kuuluu aina tallenteeseen.</translation>
    </message>
    <message>
        <source>Transcript of the recording:</source>
        <translation>Tallenne, jonka litteraatti tuodaan:</translation>
    </message>
    <message>
        <source>Transcripts (*.srt *.vtt *.eaf *.txt *.csv *.tsv *.json);;All files (*)</source>
        <translation>Litteraatit (*.srt *.vtt *.eaf *.txt *.csv *.tsv *.json);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>Import labels</source>
        <translation>Tuo luokituksia</translation>
    </message>
    <message>
        <source>Label tables (*.csv);;All files (*)</source>
        <translation>Luokitustaulukot (*.csv);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>Importing media</source>
        <translation>Tuodaan mediaa</translation>
    </message>
    <message>
        <source>Importing transcripts</source>
        <translation>Tuodaan litteraatteja</translation>
    </message>
    <message>
        <source>Importing labels</source>
        <translation>Tuodaan luokituksia</translation>
    </message>
    <message>
        <source>Exporting the dataset</source>
        <translation>Viedään aineistoa</translation>
    </message>
    <message>
        <source>Cannot create the folder %1</source>
        <translation>Kansiota %1 ei voi luoda</translation>
    </message>
    <message>
        <source>Export cancelled after: %1.</source>
        <translation>Vienti peruttiin. Valmiina: %1.</translation>
    </message>
    <message>
        <source>Exported to %1: %2.</source>
        <translation>Viety kansioon %1: %2.</translation>
    </message>
    <message>
        <source>%1…

Cancel only stops waiting: the import is one transaction that cannot be stopped midway. It either completes in full or changes nothing.</source>
        <translation>%1…

Peruuta lopettaa vain odottamisen: tuonti on yksi transaktio, jota ei voi pysäyttää kesken. Se joko valmistuu kokonaan tai ei muuta mitään.</translation>
    </message>
    <message>
        <source>%1…

Cancel stops after the file being written; files already written stay.</source>
        <translation>%1…

Peruuta pysäyttää viennin, kun kirjoitettavana oleva tiedosto on valmis; jo kirjoitetut tiedostot jäävät.</translation>
    </message>
    <message>
        <source>The import failed. Nothing was changed: an import is one transaction, so the project is exactly as it was.</source>
        <translation>Tuonti epäonnistui. Mitään ei muutettu: tuonti on yksi transaktio, joten projekti on täsmälleen ennallaan.</translation>
    </message>
    <message>
        <source>The export failed. Files written before the error stay in the folder.</source>
        <translation>Vienti epäonnistui. Ennen virhettä kirjoitetut tiedostot jäävät kansioon.</translation>
    </message>
    <message numerus="yes">
        <source>%1 already has a transcript of %n utterance(s).</source>
        <translation>
            <numerusform>Tallenteella %1 on jo litteraatti, jossa on %n puheenvuoro.</numerusform>
            <numerusform>Tallenteella %1 on jo litteraatti, jossa on %n puheenvuoroa.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replace it with the new file, or add the new utterances beside it? Labels are not affected.</source>
        <translation>Korvataanko se uudella tiedostolla vai lisätäänkö uudet puheenvuorot sen rinnalle? Luokitukset eivät muutu.</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>&amp;Korvaa</translation>
    </message>
    <message>
        <source>&amp;Add beside it</source>
        <translation>&amp;Lisää rinnalle</translation>
    </message>
    <message numerus="yes">
        <source>%n recording(s) imported</source>
        <translation>
            <numerusform>%n tallenne tuotu</numerusform>
            <numerusform>%n tallennetta tuotu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) made.</source>
        <translation>
            <numerusform>%n leike tehty.</numerusform>
            <numerusform>%n leikettä tehty.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the project.</source>
        <translation>
            <numerusform>%n oli jo projektissa.</numerusform>
            <numerusform>%n oli jo projektissa.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n utterance(s) now in the transcript of %1.</source>
        <translation>
            <numerusform>Tallenteen %1 litteraatissa on nyt %n puheenvuoro.</numerusform>
            <numerusform>Tallenteen %1 litteraatissa on nyt %n puheenvuoroa.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replaced %n earlier utterance(s) (%1–%2).</source>
        <translation>
            <numerusform>Korvattiin %n aiempi puheenvuoro (%1–%2).</numerusform>
            <numerusform>Korvattiin %n aiempaa puheenvuoroa (%1–%2).</numerusform>
        </translation>
    </message>
    <message>
        <source>Warning: %1.</source>
        <translation>Varoitus: %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n label(s) imported</source>
        <translation>
            <numerusform>%n luokitus tuotu</numerusform>
            <numerusform>%n luokitusta tuotu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new coder(s).</source>
        <translation>
            <numerusform>%n uusi koodaaja.</numerusform>
            <numerusform>%n uutta koodaajaa.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n label row(s)</source>
        <translation>
            <numerusform>%n luokitusrivi</numerusform>
            <numerusform>%n luokitusriviä</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) in JSONL</source>
        <translation>
            <numerusform>%n leike JSONL-muodossa</numerusform>
            <numerusform>%n leikettä JSONL-muodossa</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ELAN document(s)</source>
        <translation>
            <numerusform>%n ELAN-dokumentti</numerusform>
            <numerusform>%n ELAN-dokumenttia</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clip video(s)</source>
        <translation>
            <numerusform>%n leikevideo</numerusform>
            <numerusform>%n leikevideota</numerusform>
        </translation>
    </message>
    <message>
        <source>The file would change labels the project has already.</source>
        <translation>Tiedosto muuttaisi projektissa jo olevia luokituksia.</translation>
    </message>
    <message>
        <source>&amp;Overwrite them</source>
        <translation>&amp;Korvaa ne</translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation>
            <numerusform>%n muuttunut</numerusform>
            <numerusform>%n muuttunutta</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge other copies of this project</source>
        <translation>Yhdistä tämän projektin muut kopiot</translation>
    </message>
    <message>
        <source>MOTOR projects (*.motor);;All files (*)</source>
        <translation>MOTOR-projektit (*.motor);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>The same coder labelled some clips differently in the two copies.</source>
        <translation>Sama koodaaja on luokitellut joitakin klippejä eri tavoin kahdessa kopiossa.</translation>
    </message>
    <message>
        <source>Keep &amp;this project's</source>
        <translation>Pidä &amp;tämän projektin</translation>
    </message>
    <message>
        <source>Take the &amp;other copy's</source>
        <translation>Ota &amp;toisen kopion</translation>
    </message>
    <message>
        <source>The &amp;newer change wins</source>
        <translation>&amp;Uudempi muutos voittaa</translation>
    </message>
    <message>
        <source>Merging projects</source>
        <translation>Yhdistetään projekteja</translation>
    </message>
    <message>
        <source>clip %1, %2, %3: here %4, there %5</source>
        <translation>leike %1, %2, %3: täällä %4, toisessa %5</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n conflicting label(s); nothing of this copy was merged.</source>
        <translation>
            <numerusform>%1: %n ristiriitainen luokitus; tästä kopiosta ei yhdistetty mitään.</numerusform>
            <numerusform>%1: %n ristiriitaista luokitusta; tästä kopiosta ei yhdistetty mitään.</numerusform>
        </translation>
    </message>
    <message>
        <source>Merged before it: %1.</source>
        <translation>Yhdistetty ennen sitä: %1.</translation>
    </message>
    <message numerus="yes">
        <source>Merged %1: %n label(s) brought in</source>
        <translation>
            <numerusform>Yhdistetty %1: %n luokitus tuotu</numerusform>
            <numerusform>Yhdistetty %1: %n luokitusta tuotu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) settled</source>
        <translation>
            <numerusform>%n ristiriita ratkaistu</numerusform>
            <numerusform>%n ristiriitaa ratkaistu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>a wide table of %n clip(s)</source>
        <translation>
            <numerusform>leveä taulukko, %n leike</numerusform>
            <numerusform>leveä taulukko, %n leikettä</numerusform>
        </translation>
    </message>
    <message>
        <source>the agreement and F1 tables</source>
        <translation>yhtäpitävyys- ja F1-taulukot</translation>
    </message>
    <message numerus="yes">
        <source>a coding log of %n change(s)</source>
        <translation>
            <numerusform>koodausloki, %n muutos</numerusform>
            <numerusform>koodausloki, %n muutosta</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was changed yet.</source>
        <translation>Mitään ei ole vielä muutettu.</translation>
    </message>
    <message>
        <source>(newer)</source>
        <translation>(uudempi)</translation>
    </message>
    <message>
        <source>The merge failed. The copy it failed on changed nothing (each copy is merged in one transaction); copies merged before it stay merged.</source>
        <translation>Yhdistäminen epäonnistui. Kopio, johon se kaatui, ei muuttanut mitään (jokainen kopio yhdistetään yhtenä transaktiona); sitä ennen yhdistetyt kopiot pysyvät yhdistettyinä.</translation>
    </message>
    <message>
        <source>Merge cancelled: nothing changed.</source>
        <translation>Yhdistäminen peruttu: mitään ei muutettu.</translation>
    </message>
    <message>
        <source>Mer&amp;ge copies of this project…</source>
        <translation>&amp;Yhdistä projektin kopiot…</translation>
    </message>
</context>
<context>
    <name>motor::ui::ExpertDialog</name>
    <message>
        <source>Who is labelling?</source>
        <translation>Kuka luokittelee?</translation>
    </message>
    <message>
        <source>Your labels are stored under this name. Pick your name or type a new one.</source>
        <translation>Luokituksesi tallennetaan tällä nimellä. Valitse nimesi tai kirjoita uusi.</translation>
    </message>
    <message>
        <source>e.g. Expert A</source>
        <translation>esim. Asiantuntija A</translation>
    </message>
    <message>
        <source>&amp;Coder:</source>
        <translation>&amp;Koodaaja:</translation>
    </message>
    <message>
        <source>Ask every time a project opens (a shared computer)</source>
        <translation>Kysy aina, kun projekti avataan (yhteiskäyttöinen tietokone)</translation>
    </message>
</context>
<context>
    <name>motor::ui::ExportDialog</name>
    <message>
        <source>Export dataset</source>
        <translation>Vie aineisto</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Selaa…</translation>
    </message>
    <message>
        <source>Labels as CSV (labels.csv; Import labels reads it back)</source>
        <translation>Luokitukset CSV-tiedostona (labels.csv; Tuo luokituksia lukee sen takaisin)</translation>
    </message>
    <message>
        <source>Clips with transcript and labels as JSONL (clips.jsonl)</source>
        <translation>Leikkeet litteraatteineen ja luokituksineen JSONL-tiedostona (clips.jsonl)</translation>
    </message>
    <message>
        <source>ELAN documents, one per recording (elan/)</source>
        <translation>ELAN-dokumentit, yksi kustakin tallenteesta (elan/)</translation>
    </message>
    <message>
        <source>Cut every clip into its own video (clips/; slow)</source>
        <translation>Leikkaa jokainen leike omaksi videokseen (clips/; hidas)</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Kansio:</translation>
    </message>
    <message>
        <source>Write:</source>
        <translation>Kirjoita:</translation>
    </message>
    <message>
        <source>Existing files of the same name in the folder are replaced.</source>
        <translation>Kansiossa jo olevat samannimiset tiedostot korvataan.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Vie</translation>
    </message>
    <message>
        <source>Export folder</source>
        <translation>Vientikansio</translation>
    </message>
    <message>
        <source>Wide table for R or SPSS: a row per clip, a column per coder and dimension, notes included (wide.csv)</source>
        <translation>Leveä taulukko R:lle tai SPSS:lle: rivi leikettä kohden, sarake koodaajaa ja ulottuvuutta kohden, muistiinpanot mukana (wide.csv)</translation>
    </message>
    <message>
        <source>Coding log: every label change with its time and the clip time (coding_log.csv)</source>
        <translation>Koodausloki: jokainen luokituksen muutos aikoineen ja klipin kohtineen (coding_log.csv)</translation>
    </message>
    <message>
        <source>Agreement and F1 tables as in the Metrics tab (agreement.csv, per_class.csv, coefficients.csv)</source>
        <translation>Yhtäpitävyys- ja F1-taulukot kuten Mittarit-välilehdellä (agreement.csv, per_class.csv, coefficients.csv)</translation>
    </message>
</context>
<context>
    <name>motor::ui::FileDialogs</name>
    <message>
        <source>Folder</source>
        <translation>Kansio</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tiedosto</translation>
    </message>
    <message>
        <source>%1 file</source>
        <translation>%1-tiedosto</translation>
    </message>
</context>
<context>
    <name>motor::ui::LabelPanel</name>
    <message>
        <source>Jump to the next clip you have not labelled on every dimension</source>
        <translation>Siirry seuraavaan leikkeeseen, jota et ole luokitellut kaikilla ulottuvuuksilla</translation>
    </message>
    <message>
        <source>keys %1</source>
        <translation>näppäimet %1</translation>
    </message>
    <message>
        <source>Note on %1 (F2)</source>
        <translation>Huomautus: %1 (F2)</translation>
    </message>
    <message>
        <source>Note on %1</source>
        <translation>Huomautus: %1</translation>
    </message>
    <message>
        <source>No project open.</source>
        <translation>Projektia ei ole avattu.</translation>
    </message>
    <message>
        <source>Select a clip to label it.</source>
        <translation>Valitse leike luokiteltavaksi.</translation>
    </message>
    <message>
        <source>Clip &lt;b&gt;%1&lt;/b&gt; &amp;nbsp;·&amp;nbsp; expert &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Leike &lt;b&gt;%1&lt;/b&gt; &amp;nbsp;·&amp;nbsp; asiantuntija &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Next unlabelled clip  (N)</source>
        <translation>Seuraava luokittelematon leike  (N)</translation>
    </message>
</context>
<context>
    <name>motor::ui::MainWindow</name>
    <message>
        <source>&amp;Label</source>
        <translation>&amp;Luokittelu</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Tarkastelu</translation>
    </message>
    <message>
        <source>&amp;Metrics</source>
        <translation>&amp;Mittarit</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>Leikkeet</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Luokitukset</translation>
    </message>
    <message>
        <source>Label not saved</source>
        <translation>Luokitusta ei tallennettu</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tiedosto</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>&amp;Avaa projekti…</translation>
    </message>
    <message>
        <source>&amp;New project…</source>
        <translation>&amp;Uusi projekti…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>Open &amp;demo project</source>
        <translation>Avaa &amp;esittelyprojekti</translation>
    </message>
    <message>
        <source>&amp;Recent projects</source>
        <translation>&amp;Viimeisimmät projektit</translation>
    </message>
    <message>
        <source>&amp;Close project</source>
        <translation>&amp;Sulje projekti</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Lo&amp;peta</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Muokkaa</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Kumoa</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Tee uudelleen</translation>
    </message>
    <message>
        <source>Ctrl+Y</source>
        <translation>Ctrl+Y</translation>
    </message>
    <message>
        <source>&amp;Find clips</source>
        <translation>&amp;Etsi leikkeitä</translation>
    </message>
    <message>
        <source>Edit &amp;note</source>
        <translation>Muokkaa &amp;huomautusta</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>To&amp;isto</translation>
    </message>
    <message>
        <source>&amp;Play / pause</source>
        <translation>&amp;Toista / tauko</translation>
    </message>
    <message>
        <source>Previous &amp;frame</source>
        <translation>Edellinen &amp;kuva</translation>
    </message>
    <message>
        <source>Next f&amp;rame</source>
        <translation>Seuraava k&amp;uva</translation>
    </message>
    <message>
        <source>&amp;Back 1 s</source>
        <translation>T&amp;akaisin 1 s</translation>
    </message>
    <message>
        <source>F&amp;orward 1 s</source>
        <translation>&amp;Eteenpäin 1 s</translation>
    </message>
    <message>
        <source>&amp;Slower</source>
        <translation>&amp;Hitaammin</translation>
    </message>
    <message>
        <source>F&amp;aster</source>
        <translation>&amp;Nopeammin</translation>
    </message>
    <message>
        <source>&amp;Loop clip</source>
        <translation>&amp;Silmukka</translation>
    </message>
    <message>
        <source>&amp;Navigate</source>
        <translation>&amp;Siirry</translation>
    </message>
    <message>
        <source>&amp;Next clip</source>
        <translation>Seu&amp;raava leike</translation>
    </message>
    <message>
        <source>&amp;Previous clip</source>
        <translation>&amp;Edellinen leike</translation>
    </message>
    <message>
        <source>Next &amp;disagreement</source>
        <translation>Seuraava er&amp;imielisyys</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Näytä</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Järjestelmän mukaan</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Kieli</translation>
    </message>
    <message>
        <source>The new language is used after a restart.</source>
        <translation>Uusi kieli otetaan käyttöön, kun ohjelma käynnistetään uudelleen.</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Ohje</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Pikanäppäimet</translation>
    </message>
    <message>
        <source>&amp;About MOTOR Studio</source>
        <translation>&amp;Tietoja MOTOR Studiosta</translation>
    </message>
    <message>
        <source>About MOTOR Studio</source>
        <translation>Tietoja MOTOR Studiosta</translation>
    </message>
    <message>
        <source>&lt;b&gt;MOTOR Studio&lt;/b&gt; %1&lt;br/&gt;Label classroom clips for self-regulated learning and compare AI models with experts. Everything stays on this computer.</source>
        <translation>&lt;b&gt;MOTOR Studio&lt;/b&gt; %1&lt;br/&gt;Luokittele luokkahuoneleikkeitä itsesäätöisen oppimisen näkökulmasta ja vertaa tekoälymalleja asiantuntijoihin. Kaikki tieto pysyy tällä tietokoneella.</translation>
    </message>
    <message>
        <source>Cannot open project</source>
        <translation>Projektia ei voi avata</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Avaa projekti</translation>
    </message>
    <message>
        <source>MOTOR projects (*.motor);;All files (*)</source>
        <translation>MOTOR-projektit (*.motor);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Uusi projekti</translation>
    </message>
    <message>
        <source>MOTOR projects (*.motor)</source>
        <translation>MOTOR-projektit (*.motor)</translation>
    </message>
    <message>
        <source>Cannot create project</source>
        <translation>Projektia ei voi luoda</translation>
    </message>
    <message>
        <source>Cannot create the demo project</source>
        <translation>Esittelyprojektia ei voi luoda</translation>
    </message>
    <message>
        <source>Generating the demo clips…</source>
        <translation>Luodaan esittelyleikkeitä…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Peruuta</translation>
    </message>
    <message>
        <source>Every clip is labelled. Well done!</source>
        <translation>Kaikki leikkeet on luokiteltu. Hienoa työtä!</translation>
    </message>
    <message>
        <source>MOTOR Studio</source>
        <translation>MOTOR Studio</translation>
    </message>
    <message>
        <source>&amp;Predict</source>
        <translation>&amp;Ennusta</translation>
    </message>
    <message>
        <source>Ctrl+4</source>
        <translation>Ctrl+4</translation>
    </message>
    <message>
        <source>Who is labelling: switch coder, add one, or have MOTOR Studio ask on every open</source>
        <translation>Kuka luokittelee: vaihda koodaajaa, lisää uusi tai pyydä MOTOR Studiota kysymään joka avauksella</translation>
    </message>
    <message>
        <source>No coder chosen: labelling is off. Choose one with "Coder" below.</source>
        <translation>Koodaajaa ei ole valittu: luokittelu on pois päältä. Valitse koodaaja alhaalta kohdasta "Koodaaja".</translation>
    </message>
    <message>
        <source>Cannot use this coder</source>
        <translation>Tätä koodaajaa ei voi käyttää</translation>
    </message>
    <message>
        <source>New coder…</source>
        <translation>Uusi koodaaja…</translation>
    </message>
    <message>
        <source>Ask who is labelling on every open</source>
        <translation>Kysy luokittelijaa joka avauksella</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %2 / %n clip(s) labelled — MOTOR Studio</source>
        <translation>
            <numerusform>%1 — %2 / %n leike luokiteltu — MOTOR Studio</numerusform>
            <numerusform>%1 — %2 / %n leikettä luokiteltu — MOTOR Studio</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 / %n clip(s) done</source>
        <translation>
            <numerusform>%1 / %n leike valmiina</numerusform>
            <numerusform>%1 / %n leikettä valmiina</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Blind coding</source>
        <translation>&amp;Sokkokoodaus</translation>
    </message>
    <message>
        <source>Each coder sees only their own labels, without the conflict column, the review or the metrics, until they have labelled every clip or a lead unlocks them.</source>
        <translation>Kukin koodaaja näkee vain omat luokituksensa, ilman ristiriitasaraketta, tarkastelua ja mittareita, kunnes on luokitellut jokaisen klipin tai vastuuhenkilö avaa ne.</translation>
    </message>
    <message>
        <source>Blind coding</source>
        <translation>Sokkokoodaus</translation>
    </message>
    <message>
        <source>Unlock the review</source>
        <translation>Avaa tarkastelu</translation>
    </message>
    <message>
        <source>%1 will see the other coders' labels, the conflicts, the review and the metrics before finishing. Unlock?</source>
        <translation>%1 näkee muiden koodaajien luokitukset, ristiriidat, tarkastelun ja mittarit ennen kuin on valmis. Avataanko?</translation>
    </message>
    <message>
        <source>Blind coding: shown once you have labelled every clip, or a lead unlocks it.</source>
        <translation>Sokkokoodaus: näytetään, kun olet luokitellut jokaisen klipin tai vastuuhenkilö avaa sen.</translation>
    </message>
    <message>
        <source>&amp;Segment</source>
        <translation>&amp;Rajaus</translation>
    </message>
    <message>
        <source>Ctrl+Shift+Z</source>
        <translation>Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>Ctrl+5</source>
        <translation>Ctrl+5</translation>
    </message>
    <message>
        <source>Codebook not changed</source>
        <translation>Koodikirjaa ei muutettu</translation>
    </message>
    <message>
        <source>The codebook change cannot be undone or redone: nothing was changed.</source>
        <translation>Koodikirjan muutosta ei voi kumota eikä tehdä uudelleen: mitään ei muutettu.</translation>
    </message>
    <message>
        <source>&amp;Transcript</source>
        <translation>Li&amp;tteraatio</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>Next &amp;unlabelled clip</source>
        <translation>Seuraava &amp;luokittelematon leike</translation>
    </message>
    <message>
        <source>Coder: %1</source>
        <translation>Koodaaja: %1</translation>
    </message>
    <message>
        <source>Coder: none (labelling off) — choose</source>
        <translation>Koodaaja: ei valittu (luokittelu pois) — valitse</translation>
    </message>
    <message>
        <source>User &amp;guide (English)</source>
        <translation>&amp;Käyttöopas (englanniksi)</translation>
    </message>
    <message>
        <source>&amp;Models and where to get them (English)</source>
        <translation>&amp;Mallit ja mistä ne saa (englanniksi)</translation>
    </message>
    <message>
        <source>Transcri&amp;be recording…</source>
        <translation>Litteroi &amp;tallenne…</translation>
    </message>
    <message>
        <source>&amp;Codebook…</source>
        <translation>Koo&amp;dikirja…</translation>
    </message>
    <message>
        <source>Un&amp;lock the review for this coder…</source>
        <translation>&amp;Avaa tarkastelu tälle koodaajalle…</translation>
    </message>
    <message>
        <source>La&amp;nguage</source>
        <translation>&amp;Kieli</translation>
    </message>
    <message>
        <source>Every clip the list shows is labelled; clear its filters for the others.</source>
        <translation>Jokainen luettelon näyttämä leike on luokiteltu; poista suodattimet nähdäksesi muut.</translation>
    </message>
    <message>
        <source>Updated with changes made elsewhere (another window on this project, the command line).</source>
        <translation>Päivitetty muualla tehdyillä muutoksilla (toinen ikkuna tässä projektissa, komentorivi).</translation>
    </message>
</context>
<context>
    <name>motor::ui::MetricsDashboard</name>
    <message>
        <source>The expert every other coder is scored against</source>
        <translation>Asiantuntija, johon kaikkia muita koodaajia verrataan</translation>
    </message>
    <message>
        <source>Coder shown in the confusion matrix</source>
        <translation>Sekaannusmatriisissa näytettävä koodaaja</translation>
    </message>
    <message>
        <source>95% intervals</source>
        <translation>95 %:n välit</translation>
    </message>
    <message>
        <source>Percentile bootstrap over clips, %1 resamples</source>
        <translation>Persentiili-bootstrap leikkeiden yli, %1 uudelleenotantaa</translation>
    </message>
    <message>
        <source>Models in agreement</source>
        <translation>Mallit mukaan yhtäpitävyyteen</translation>
    </message>
    <message>
        <source>Include model runs in Fleiss, Krippendorff and the Cohen matrix</source>
        <translation>Ota mallien ajot mukaan Fleissin, Krippendorffin ja Cohenin lukuihin</translation>
    </message>
    <message>
        <source>Re&amp;ference:</source>
        <translation>&amp;Vertailukohta:</translation>
    </message>
    <message>
        <source>&amp;Dimension:</source>
        <translation>&amp;Ulottuvuus:</translation>
    </message>
    <message>
        <source>C&amp;oder:</source>
        <translation>&amp;Koodaaja:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Peruuta</translation>
    </message>
    <message>
        <source>Copy as CSV</source>
        <translation>Kopioi CSV:nä</translation>
    </message>
    <message>
        <source>Save charts…</source>
        <translation>Tallenna kaaviot…</translation>
    </message>
    <message>
        <source>Macro-F1 (%) against the reference</source>
        <translation>Makro-F1 (%) vertailukohtaan nähden</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Yhtäpitävyys</translation>
    </message>
    <message>
        <source>Pairwise Cohen's kappa on the clips both coders labelled</source>
        <translation>Parittainen Cohenin kappa leikkeillä, jotka molemmat koodaajat luokittelivat</translation>
    </message>
    <message>
        <source>Per class, against the reference</source>
        <translation>Luokittain, vertailukohtaan nähden</translation>
    </message>
    <message>
        <source>Confusion matrix (click a cell to list its clips)</source>
        <translation>Sekaannusmatriisi (napsauta solua nähdäksesi sen leikkeet)</translation>
    </message>
    <message>
        <source>Computing bootstrap intervals…</source>
        <translation>Lasketaan bootstrap-välejä…</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Lasketaan…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Peruutettu.</translation>
    </message>
    <message>
        <source>Cannot compute metrics: %1</source>
        <translation>Mittareita ei voi laskea: %1</translation>
    </message>
    <message>
        <source>Coder</source>
        <translation>Koodaaja</translation>
    </message>
    <message>
        <source>average</source>
        <translation>keskiarvo</translation>
    </message>
    <message>
        <source>No labels yet.</source>
        <translation>Ei vielä luokituksia.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; among %2 coder(s): Fleiss' κ = &lt;b&gt;%3&lt;/b&gt;%4 (n = %5) &amp;nbsp;·&amp;nbsp; Krippendorff's α = &lt;b&gt;%6&lt;/b&gt;%7 (units = %8)</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;, %2 koodaajaa: Fleissin κ = &lt;b&gt;%3&lt;/b&gt;%4 (n = %5) &amp;nbsp;·&amp;nbsp; Krippendorffin α = &lt;b&gt;%6&lt;/b&gt;%7 (yksiköitä %8)</translation>
    </message>
    <message numerus="yes">
        <source>Fleiss' κ counts only the %n clip(s) every coder rated; α counts every clip two coders rated.</source>
        <translation>
            <numerusform>Fleissin κ laskee vain sen %n leikkeen, jonka jokainen koodaaja luokitteli; α laskee jokaisen leikkeen, jonka kaksi koodaajaa luokitteli.</numerusform>
            <numerusform>Fleissin κ laskee vain ne %n leikettä, jotka jokainen koodaaja luokitteli; α laskee jokaisen leikkeen, jonka kaksi koodaajaa luokitteli.</numerusform>
        </translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Tarkkuus</translation>
    </message>
    <message>
        <source>Macro-F1</source>
        <translation>Makro-F1</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Luokka</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Täsmällisyys</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Saanti</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Tuki</translation>
    </message>
    <message>
        <source>F1 per class — %1</source>
        <translation>F1 luokittain — %1</translation>
    </message>
    <message>
        <source>F1 per class</source>
        <translation>F1 luokittain</translation>
    </message>
    <message>
        <source>Macro-F1 per coder</source>
        <translation>Makro-F1 koodaajittain</translation>
    </message>
    <message>
        <source>F1 (%)</source>
        <translation>F1 (%)</translation>
    </message>
    <message>
        <source>Macro-F1 (%)</source>
        <translation>Makro-F1 (%)</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 says %3, %4 says %5 — %n clip(s)</source>
        <translation>
            <numerusform>%1: %2 sanoo %3, %4 sanoo %5 — %n leike</numerusform>
            <numerusform>%1: %2 sanoo %3, %4 sanoo %5 — %n leikettä</numerusform>
        </translation>
    </message>
    <message>
        <source>Copied the summary and per-class scores as CSV.</source>
        <translation>Yhteenveto ja luokkakohtaiset tulokset kopioitiin CSV-muodossa.</translation>
    </message>
    <message>
        <source>Save charts</source>
        <translation>Tallenna kaaviot</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-kuvat (*.png)</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Tiedostoon %1 ei voi kirjoittaa.</translation>
    </message>
    <message>
        <source>Covers fewer clips than the reference rated: not comparable with a coder who did them all</source>
        <translation>Kattaa vähemmän leikkeitä kuin vertailukohta luokitteli: ei vertailukelpoinen kaikki leikkeet luokitelleen kanssa</translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s) rated by both this coder and the reference</source>
        <translation>
            <numerusform>%n leike, jonka sekä tämä koodaaja että vertailukohta luokittelivat</numerusform>
            <numerusform>%n leikettä, jotka sekä tämä koodaaja että vertailukohta luokittelivat</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 vs %2: κ = %3 on %n clip(s)</source>
        <translation>
            <numerusform>%1 vs %2: κ = %3, %n leike</numerusform>
            <numerusform>%1 vs %2: κ = %3, %n leikettä</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>motor::ui::NewProjectCodebook</name>
    <message>
        <source>Codebook of the new project</source>
        <translation>Uuden projektin koodikirja</translation>
    </message>
    <message>
        <source>Which codebook do the coders label with? You can edit it later (Edit ▸ Codebook…).</source>
        <translation>Millä koodikirjalla koodaajat luokittelevat? Voit muokata sitä myöhemmin (Muokkaa ▸ Koodikirja…).</translation>
    </message>
    <message>
        <source>The &amp;MOTOR codebook (behaviour, cognition, emotion)</source>
        <translation>&amp;MOTOR-koodikirja (käyttäytyminen, kognitio, tunne)</translation>
    </message>
    <message>
        <source>&amp;Another project's codebook</source>
        <translation>&amp;Toisen projektin koodikirja</translation>
    </message>
    <message>
        <source>A codebook &amp;file (JSON)</source>
        <translation>Koodikirjatiedosto (&amp;JSON)</translation>
    </message>
    <message>
        <source>A &amp;new codebook, edited next</source>
        <translation>&amp;Uusi koodikirja, muokataan seuraavaksi</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Selaa…</translation>
    </message>
    <message>
        <source>Another project</source>
        <translation>Toinen projekti</translation>
    </message>
    <message>
        <source>MOTOR projects (*.motor);;All files (*)</source>
        <translation>MOTOR-projektit (*.motor);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>A codebook file</source>
        <translation>Koodikirjatiedosto</translation>
    </message>
    <message>
        <source>Codebooks (*.json);;All files (*)</source>
        <translation>Koodikirjat (*.json);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>My codebook</source>
        <translation>Oma koodikirja</translation>
    </message>
    <message>
        <source>Choose a codebook file.</source>
        <translation>Valitse koodikirjatiedosto.</translation>
    </message>
    <message>
        <source>Choose a project.</source>
        <translation>Valitse projekti.</translation>
    </message>
    <message>
        <source>Cannot use this codebook</source>
        <translation>Koodikirjaa ei voi käyttää</translation>
    </message>
    <message>
        <source>dimension_1</source>
        <translation>ulottuvuus_1</translation>
    </message>
    <message>
        <source>class_1</source>
        <translation>luokka_1</translation>
    </message>
    <message>
        <source>class_2</source>
        <translation>luokka_2</translation>
    </message>
</context>
<context>
    <name>motor::ui::PlayerPane</name>
    <message>
        <source>Position in the clip</source>
        <translation>Kohta leikkeessä</translation>
    </message>
    <message>
        <source>Back 1 s (Left)</source>
        <translation>Taaksepäin 1 s (vasen nuoli)</translation>
    </message>
    <message>
        <source>Previous frame (,)</source>
        <translation>Edellinen kuva (,)</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>Toista / tauko (välilyönti)</translation>
    </message>
    <message>
        <source>Next frame (.)</source>
        <translation>Seuraava kuva (.)</translation>
    </message>
    <message>
        <source>Forward 1 s (Right)</source>
        <translation>Eteenpäin 1 s (oikea nuoli)</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>Silmukka</translation>
    </message>
    <message>
        <source>Loop the clip's range (L)</source>
        <translation>Toista leikettä silmukkana (L)</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Nopeus</translation>
    </message>
    <message>
        <source>Playback speed ([ slower, ] faster)</source>
        <translation>Toistonopeus ([ hitaammin, ] nopeammin)</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Äänenvoimakkuus</translation>
    </message>
    <message>
        <source>Cannot play this media: %1</source>
        <translation>Mediaa ei voi toistaa: %1</translation>
    </message>
    <message>
        <source>Media file not found: %1</source>
        <translation>Mediatiedostoa ei löydy: %1</translation>
    </message>
    <message>
        <source>Recording time %1</source>
        <translation>Tallenteen aika %1</translation>
    </message>
    <message>
        <source>Position in the recording</source>
        <translation>Kohta tallenteessa</translation>
    </message>
    <message>
        <source>Loop the recording (L)</source>
        <translation>Toista tallennetta silmukkana (L)</translation>
    </message>
</context>
<context>
    <name>motor::ui::PredictionJob</name>
    <message>
        <source>Cancelled: start the same run again to resume it.</source>
        <translation>Peruttu: käynnistä sama ajo uudelleen, niin se jatkuu.</translation>
    </message>
    <message>
        <source>Cancelled before the run started.</source>
        <translation>Peruttiin ennen ajon alkua.</translation>
    </message>
    <message numerus="yes">
        <source>%1 labelled now, %2 done earlier, %3 failed, of %n clip(s).</source>
        <translation>
            <numerusform>%1 luokiteltu nyt, %2 aiemmin, %3 epäonnistui; yhteensä %n leike.</numerusform>
            <numerusform>%1 luokiteltu nyt, %2 aiemmin, %3 epäonnistui; yhteensä %n leikettä.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped, the finished clips kept: %1 When the server can serve again, start the same run to resume it.</source>
        <translation>Pysäytetty, valmiit leikkeet säilytettiin: %1 Kun palvelin taas toimii, jatka ajoa käynnistämällä sama ajo uudelleen.</translation>
    </message>
    <message>
        <source>Nothing was stored.</source>
        <translation>Mitään ei tallennettu.</translation>
    </message>
</context>
<context>
    <name>motor::ui::PredictorPanel</name>
    <message>
        <source>Baseline: majority class of an expert</source>
        <translation>Vertailutaso: asiantuntijan yleisin luokka</translation>
    </message>
    <message>
        <source>Baseline: transcript cue words</source>
        <translation>Vertailutaso: litteraatin vihjesanat</translation>
    </message>
    <message>
        <source>Local model (.gguf or Hugging Face folder)</source>
        <translation>Paikallinen malli (.gguf tai Hugging Face -kansio)</translation>
    </message>
    <message>
        <source>OpenAI-compatible server</source>
        <translation>OpenAI-yhteensopiva palvelin</translation>
    </message>
    <message>
        <source>motor-mas — behavior, cognition, emotion agents</source>
        <translation>motor-mas — käyttäytymis-, kognitio- ja tunneagentit</translation>
    </message>
    <message>
        <source>single-agent — one prompt for all</source>
        <translation>single-agent — yksi kehote kaikelle</translation>
    </message>
    <message>
        <source>no-srl — agents without SRL theory</source>
        <translation>no-srl — agentit ilman SRL-teoriaa</translation>
    </message>
    <message>
        <source>text-only — transcript, no frames</source>
        <translation>text-only — litteraatti, ei kuvia</translation>
    </message>
    <message>
        <source>All clips</source>
        <translation>Kaikki leikkeet</translation>
    </message>
    <message>
        <source>Clips no expert has labelled yet</source>
        <translation>Leikkeet, joita yksikään asiantuntija ei ole vielä luokitellut</translation>
    </message>
    <message>
        <source>Clips shown in the browser</source>
        <translation>Selaimessa näkyvät leikkeet</translation>
    </message>
    <message>
        <source>Clips this run has already done are skipped, so a cancelled run resumes where it stopped.</source>
        <translation>Ajon jo tekemät leikkeet ohitetaan, joten peruttu ajo jatkuu siitä, mihin se jäi.</translation>
    </message>
    <message>
        <source>The run is stored as a coder of this name. Starting a run of the same name again resumes it.</source>
        <translation>Ajo tallennetaan tämännimisenä koodaajana. Samannimisen ajon käynnistäminen uudelleen jatkaa sitä.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ajo</translation>
    </message>
    <message>
        <source>&amp;Backend:</source>
        <translation>&amp;Taustajärjestelmä:</translation>
    </message>
    <message>
        <source>M&amp;ode:</source>
        <translation>T&amp;ila:</translation>
    </message>
    <message>
        <source>C&amp;lips:</source>
        <translation>&amp;Leikkeet:</translation>
    </message>
    <message>
        <source>Run &amp;name:</source>
        <translation>Ajon &amp;nimi:</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Käynnistä</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Peruuta</translation>
    </message>
    <message>
        <source>Stops within a second; finished clips stay stored and the run can be resumed.</source>
        <translation>Pysähtyy sekunnissa; valmiit leikkeet jäävät talteen ja ajoa voi jatkaa.</translation>
    </message>
    <message>
        <source>A run is stored as a coder with its full provenance (backend, model, mode, prompts) and is compared with the experts in Review and Metrics. Clips are committed one by one: cancelling keeps every finished clip, and starting the same run name again resumes it. Frames leave this computer only for a remote server you confirm.</source>
        <translation>Ajo tallennetaan koodaajaksi täysine alkuperätietoineen (taustajärjestelmä, malli, tila, kehotteet), ja sitä verrataan asiantuntijoihin Tarkastelussa ja Mittareissa. Leikkeet tallennetaan yksi kerrallaan: peruttaessa valmiit leikkeet säilyvät, ja saman ajon nimen käynnistäminen uudelleen jatkaa ajoa. Kuvat lähtevät tältä koneelta vain vahvistamallesi etäpalvelimelle.</translation>
    </message>
    <message>
        <source>%v / %m clips</source>
        <translation>%v / %m leikettä</translation>
    </message>
    <message>
        <source>Choose a backend and start a run.</source>
        <translation>Valitse taustajärjestelmä ja käynnistä ajo.</translation>
    </message>
    <message>
        <source>Double-click a clip to open it</source>
        <translation>Avaa leike kaksoisnapsauttamalla</translation>
    </message>
    <message>
        <source>&lt;b&gt;Results&lt;/b&gt; — each clip's labels as it finishes</source>
        <translation>&lt;b&gt;Tulokset&lt;/b&gt; — kunkin leikkeen luokitukset sen valmistuessa</translation>
    </message>
    <message>
        <source>&amp;Expert:</source>
        <translation>&amp;Asiantuntija:</translation>
    </message>
    <message>
        <source>Every clip gets the class this expert used most often: the floor a model must beat.</source>
        <translation>Jokainen leike saa luokan, jota tämä asiantuntija käytti useimmin: taso, joka mallin on ylitettävä.</translation>
    </message>
    <message>
        <source>Classifies each clip by SRL cue words in its transcript (Finnish and English); each rationale lists the cues found.</source>
        <translation>Luokittelee leikkeet litteraatin SRL-vihjesanojen perusteella (suomi ja englanti); perustelu luettelee löydetyt vihjeet.</translation>
    </message>
    <message>
        <source>model.gguf or a Hugging Face folder</source>
        <translation>model.gguf tai Hugging Face -kansio</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>Tiedosto…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Kansio…</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Malli:</translation>
    </message>
    <message>
        <source>Model file</source>
        <translation>Mallitiedosto</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF-mallit (*.gguf);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>Hugging Face model folder</source>
        <translation>Hugging Face -mallikansio</translation>
    </message>
    <message>
        <source>the server's model name</source>
        <translation>palvelimen mallin nimi</translation>
    </message>
    <message>
        <source>Send frames to this server</source>
        <translation>Lähetä kuvat tälle palvelimelle</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>Mo&amp;del:</source>
        <translation>M&amp;alli:</translation>
    </message>
    <message>
        <source>Choose the expert whose labels the baseline counts.</source>
        <translation>Valitse asiantuntija, jonka luokitukset vertailutaso laskee.</translation>
    </message>
    <message>
        <source>Choose a model file or folder.</source>
        <translation>Valitse mallitiedosto tai -kansio.</translation>
    </message>
    <message>
        <source>Enter the server URL and the model name.</source>
        <translation>Anna palvelimen URL ja mallin nimi.</translation>
    </message>
    <message>
        <source>The browser shows no clips.</source>
        <translation>Selaimessa ei näy leikkeitä.</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>Leike</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Varmuus</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Käynnistetään…</translation>
    </message>
    <message>
        <source>Cancelling… finished clips stay stored.</source>
        <translation>Perutaan… valmiit leikkeet jäävät talteen.</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>%1 epäonnistui</translation>
    </message>
    <message>
        <source>Run %1 cancelled.</source>
        <translation>Ajo %1 peruttiin.</translation>
    </message>
    <message>
        <source>Run %1 finished.</source>
        <translation>Ajo %1 valmistui.</translation>
    </message>
    <message>
        <source>It is now in Review and Metrics.</source>
        <translation>Se näkyy nyt Tarkastelussa ja Mittareissa.</translation>
    </message>
    <message>
        <source>The run did not start: %1</source>
        <translation>Ajo ei käynnistynyt: %1</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Lisäasetukset</translation>
    </message>
    <message>
        <source>No run yet</source>
        <translation>Ei ajoa vielä</translation>
    </message>
    <message>
        <source>found beside a .gguf model (mmproj-….gguf)</source>
        <translation>löytyy .gguf-mallin vierestä (mmproj-….gguf)</translation>
    </message>
    <message>
        <source>The vision projector of a .gguf model: only needed when it is not beside the model</source>
        <translation>.gguf-mallin näköprojektori: tarvitaan vain, jos se ei ole mallin vieressä</translation>
    </message>
    <message>
        <source>Pro&amp;jector:</source>
        <translation>Pro&amp;jektori:</translation>
    </message>
    <message>
        <source>A model is one &lt;b&gt;.gguf&lt;/b&gt; file (llama.cpp's format; a vision model has an &lt;i&gt;mmproj-….gguf&lt;/i&gt; beside it) or a &lt;b&gt;Hugging Face folder&lt;/b&gt; with config.json, *.safetensors and tokenizer.json. Llama 2/3, Qwen2/2.5 and Qwen3 read the transcript; InternVL3.5 also sees the clip's frames. It runs on this computer. %1</source>
        <translation>Malli on yksi &lt;b&gt;.gguf&lt;/b&gt;-tiedosto (llama.cpp:n muoto; näkevän mallin vieressä on &lt;i&gt;mmproj-….gguf&lt;/i&gt;) tai &lt;b&gt;Hugging Face -kansio&lt;/b&gt;, jossa on config.json, *.safetensors ja tokenizer.json. Llama 2/3, Qwen2/2.5 ja Qwen3 lukevat litteraatin; InternVL3.5 näkee myös leikkeen kuvat. Malli toimii tällä tietokoneella. %1</translation>
    </message>
    <message>
        <source>Which models work</source>
        <translation>Mitkä mallit toimivat</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>automaattinen</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>kaikki ytimet</translation>
    </message>
    <message>
        <source>backend's default</source>
        <translation>taustajärjestelmän oletus</translation>
    </message>
    <message>
        <source>Clips decoded together (local) or requests in flight (server)</source>
        <translation>Yhdessä käsiteltävät leikkeet (paikallinen) tai samanaikaiset pyynnöt (palvelin)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> merkkiä</translation>
    </message>
    <message>
        <source>Share the clip context between agents</source>
        <translation>Jaa leikkeen konteksti agenttien kesken</translation>
    </message>
    <message>
        <source>Off recomputes the context for every agent (for comparison); the labels are the same</source>
        <translation>Pois päältä konteksti lasketaan jokaiselle agentille erikseen (vertailua varten); luokitukset ovat samat</translation>
    </message>
    <message>
        <source>built-in prompts</source>
        <translation>sisäänrakennetut kehotteet</translation>
    </message>
    <message>
        <source>A folder of prompt templates (*.txt) overriding the built-in ones</source>
        <translation>Kansio kehotepohjia (*.txt), jotka korvaavat sisäänrakennetut</translation>
    </message>
    <message>
        <source>De&amp;vice:</source>
        <translation>&amp;Laite:</translation>
    </message>
    <message>
        <source>&amp;Threads:</source>
        <translation>Sä&amp;ikeet:</translation>
    </message>
    <message>
        <source>Batc&amp;h:</source>
        <translation>&amp;Erä:</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>A&amp;ikaraja:</translation>
    </message>
    <message>
        <source>Retr&amp;ies:</source>
        <translation>Uu&amp;sintayritykset:</translation>
    </message>
    <message>
        <source>Rationale &amp;up to:</source>
        <translation>Perustelu e&amp;nintään:</translation>
    </message>
    <message>
        <source>&amp;Prompts:</source>
        <translation>&amp;Kehotteet:</translation>
    </message>
    <message>
        <source>&lt;span style="color:#b3261e"&gt;Cannot use this model: %1&lt;/span&gt;</source>
        <translation>&lt;span style="color:#b3261e"&gt;Mallia ei voi käyttää: %1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; language model with a vision tower: &lt;b&gt;it sees the frames&lt;/b&gt; (%2 per clip, %3×%3).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;-kielimalli näkötornilla: &lt;b&gt;se näkee kuvat&lt;/b&gt; (%2 leikettä kohden, %3×%3).</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; language model without a vision tower: it reads the transcript only (runs record frames_used=false).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;-kielimalli ilman näkötornia: se lukee vain litteraatin (ajot tallentavat frames_used=false).</translation>
    </message>
    <message>
        <source>automatic: %1</source>
        <translation>automaattinen: %1</translation>
    </message>
    <message>
        <source>Frames at (s)</source>
        <translation>Kuvat kohdissa (s)</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n clip(s) · elapsed %2 · about %3 left</source>
        <translation>
            <numerusform>%1 / %n leike · kulunut %2 · noin %3 jäljellä</numerusform>
            <numerusform>%1 / %n leikettä · kulunut %2 · noin %3 jäljellä</numerusform>
        </translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>epäonnistui: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ei kuvia</translation>
    </message>
    <message>
        <source>The model read the transcript only</source>
        <translation>Malli luki vain litteraatin</translation>
    </message>
    <message>
        <source>The frames the model saw, in seconds from the clip's start; select the row to see them</source>
        <translation>Kuvat, jotka malli näki, sekunteina leikkeen alusta; valitse rivi nähdäksesi ne</translation>
    </message>
    <message>
        <source>Frame %1 at %2 s</source>
        <translation>Kuva %1 kohdassa %2 s</translation>
    </message>
    <message>
        <source>One server, or several separated by commas: the clips are spread over them.</source>
        <translation>Yksi palvelin tai useampi pilkuin eroteltuina: leikkeet jaetaan niiden kesken.</translation>
    </message>
    <message>
        <source>Clip frames would leave this computer for: %1. Without this, choose text-only or use a local server.</source>
        <translation>Leikkeiden kuvat lähtisivät tältä tietokoneelta kohteeseen: %1. Ilman tätä valitse text-only tai käytä paikallista palvelinta.</translation>
    </message>
    <message>
        <source>Running on: %1</source>
        <translation>Laskenta: %1</translation>
    </message>
</context>
<context>
    <name>motor::ui::ProjectSession</name>
    <message>
        <source>No project is open.</source>
        <translation>Mikään projekti ei ole auki.</translation>
    </message>
    <message>
        <source>The expert name is empty.</source>
        <translation>Asiantuntijan nimi puuttuu.</translation>
    </message>
    <message>
        <source>"%1" is a model run, not an expert.</source>
        <translation>"%1" on mallin ajo, ei asiantuntija.</translation>
    </message>
    <message>
        <source>No coder is chosen.</source>
        <translation>Koodaajaa ei ole valittu.</translation>
    </message>
</context>
<context>
    <name>motor::ui::ReviewPane</name>
    <message>
        <source>expert</source>
        <translation>asiantuntija</translation>
    </message>
    <message>
        <source>model</source>
        <translation>malli</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>vertailutaso</translation>
    </message>
    <message>
        <source>Select a cell to read the coder's rationale and note.</source>
        <translation>Valitse solu lukeaksesi koodaajan perustelun ja huomautuksen.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Disagreement queue&lt;/b&gt; — most contested first (M jumps to the next)</source>
        <translation>&lt;b&gt;Erimielisyysjono&lt;/b&gt; — kiistanalaisimmat ensin (M siirtyy seuraavaan)</translation>
    </message>
    <message>
        <source>Only where a model and an expert differ</source>
        <translation>Vain kun malli ja asiantuntija ovat eri mieltä</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>Leike</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Ryhmä</translation>
    </message>
    <message>
        <source>Dissenting votes</source>
        <translation>Eriävät äänet</translation>
    </message>
    <message>
        <source>Over the dimensions: the labels that differ from each dimension's most chosen label</source>
        <translation>Ulottuvuuksien yli: luokitukset, jotka eroavat kunkin ulottuvuuden useimmin valitusta luokasta</translation>
    </message>
    <message>
        <source>Contested dimensions</source>
        <translation>Kiistanalaisia ulottuvuuksia</translation>
    </message>
    <message>
        <source>Model ≠ expert</source>
        <translation>Malli ≠ asiantuntija</translation>
    </message>
    <message>
        <source>Select a clip to review it.</source>
        <translation>Valitse tarkasteltava leike.</translation>
    </message>
    <message>
        <source>Rationale: %1</source>
        <translation>Perustelu: %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Huomautus: %1</translation>
    </message>
    <message numerus="yes">
        <source>Clip &lt;b&gt;%1&lt;/b&gt; — coders disagree on %n dimension(s)</source>
        <translation>
            <numerusform>Leike &lt;b&gt;%1&lt;/b&gt; — koodaajat eri mieltä %n ulottuvuudesta</numerusform>
            <numerusform>Leike &lt;b&gt;%1&lt;/b&gt; — koodaajat eri mieltä %n ulottuvuudesta</numerusform>
        </translation>
    </message>
    <message>
        <source>Clip &lt;b&gt;%1&lt;/b&gt; — no disagreement</source>
        <translation>Leike &lt;b&gt;%1&lt;/b&gt; — ei erimielisyyttä</translation>
    </message>
    <message>
        <source>no label</source>
        <translation>ei luokitusta</translation>
    </message>
    <message>
        <source> · confidence %1</source>
        <translation> · varmuus %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>kyllä</translation>
    </message>
    <message numerus="yes">
        <source>%n contested clip(s)</source>
        <translation>
            <numerusform>%n kiistanalainen leike</numerusform>
            <numerusform>%n kiistanalaista leikettä</numerusform>
        </translation>
    </message>
    <message>
        <source>Disagreement among experts</source>
        <translation>Erimielisyys asiantuntijoiden kesken</translation>
    </message>
    <message>
        <source>Disagreement among all coders (models too)</source>
        <translation>Erimielisyys kaikkien koodaajien kesken (myös mallit)</translation>
    </message>
    <message>
        <source>Whether model runs and baselines count as dissenting coders here, in the queue and in the browser's Conflict column</source>
        <translation>Lasketaanko mallien ajot ja vertailutasot eri mieltä oleviksi koodaajiksi täällä, jonossa ja selaimen Ristiriita-sarakkeessa</translation>
    </message>
    <message>
        <source>&lt;span style="background:%1"&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; agrees with the majority of %3 &amp;nbsp; &lt;span style="background:%2"&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; differs from it &amp;nbsp; &lt;span style="background:%4"&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; a tie, no majority &amp;nbsp; (n.nn) confidence &amp;nbsp; ✎ rationale or note</source>
        <translation>&lt;span style="background:%1"&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; samaa mieltä kuin enemmistö (%3) &amp;nbsp; &lt;span style="background:%2"&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; eri mieltä &amp;nbsp; &lt;span style="background:%4"&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;&amp;nbsp;&lt;/span&gt; tasatilanne, ei enemmistöä &amp;nbsp; (n,nn) varmuus &amp;nbsp; ✎ perustelu tai huomautus</translation>
    </message>
    <message>
        <source>all coders</source>
        <translation>kaikki koodaajat</translation>
    </message>
    <message>
        <source>the experts</source>
        <translation>asiantuntijat</translation>
    </message>
    <message numerus="yes">
        <source>Clip &lt;b&gt;%1&lt;/b&gt; — experts disagree on %n dimension(s)</source>
        <translation>
            <numerusform>Leike &lt;b&gt;%1&lt;/b&gt; — asiantuntijat eri mieltä %n ulottuvuudesta</numerusform>
            <numerusform>Leike &lt;b&gt;%1&lt;/b&gt; — asiantuntijat eri mieltä %n ulottuvuudesta</numerusform>
        </translation>
    </message>
    <message>
        <source>Backend: %1</source>
        <translation>Taustajärjestelmä: %1</translation>
    </message>
    <message>
        <source>Mode: %1</source>
        <translation>Tila: %1</translation>
    </message>
    <message>
        <source>Ran on: %1</source>
        <translation>Laskettiin: %1</translation>
    </message>
    <message>
        <source>Not on the GPU: %1</source>
        <translation>Ei GPU:lla: %1</translation>
    </message>
</context>
<context>
    <name>motor::ui::SegmentTimeline</name>
    <message>
        <source>Click a clip to select it and move the playhead; drag a clip's edge to move it. I / O: set in / out at the playhead; S: split; G: merge with next; Insert: new clip; Delete: delete; Shift or Ctrl + arrows: nudge in / out by 100 ms (Alt: one frame). Ctrl+wheel or + / -: zoom; 0: the whole recording; wheel: scroll</source>
        <translation>Napsauta leikettä valitaksesi sen ja siirtääksesi toistokohdan; vedä leikkeen reunaa siirtääksesi sitä. I / O: alku / loppu toistokohtaan; S: jaa; G: yhdistä seuraavaan; Insert: uusi leike; Delete: poista; Shift tai Ctrl + nuolet: siirrä alkua / loppua 100 ms (Alt: yksi kuva). Ctrl+rulla tai + / -: zoomaa; 0: koko tallenne; rulla: vieritä</translation>
    </message>
</context>
<context>
    <name>motor::ui::SegmentView</name>
    <message>
        <source>Recording</source>
        <translation>Tallenne</translation>
    </message>
    <message>
        <source>Set in</source>
        <translation>Alku</translation>
    </message>
    <message>
        <source>Start the selected clip at the playhead (I)</source>
        <translation>Valittu leike alkaa toistokohdasta (I)</translation>
    </message>
    <message>
        <source>Set out</source>
        <translation>Loppu</translation>
    </message>
    <message>
        <source>End the selected clip at the playhead (O)</source>
        <translation>Valittu leike päättyy toistokohtaan (O)</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Jaa</translation>
    </message>
    <message>
        <source>Split the selected clip at the playhead (S)</source>
        <translation>Jaa valittu leike toistokohdasta (S)</translation>
    </message>
    <message>
        <source>Merge with next</source>
        <translation>Yhdistä seuraavaan</translation>
    </message>
    <message>
        <source>Join the next clip into the selected one (G); refused when the next clip has labels</source>
        <translation>Liitä seuraava leike valittuun (G); ei onnistu, jos seuraavalla leikkeellä on luokituksia</translation>
    </message>
    <message>
        <source>New clip</source>
        <translation>Uusi leike</translation>
    </message>
    <message>
        <source>A new clip from the playhead, in a gap between clips (Insert)</source>
        <translation>Uusi leike toistokohdasta, leikkeiden väliseen aukkoon (Insert)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Poista</translation>
    </message>
    <message>
        <source>Delete the selected clip (Delete); refused when it has labels</source>
        <translation>Poista valittu leike (Delete); ei onnistu, jos sillä on luokituksia</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Tarkistettu</translation>
    </message>
    <message>
        <source>Clear or set the selected clip's "needs a second look" flag (R)</source>
        <translation>Poista tai aseta valitun leikkeen ”tarkista uudelleen” -merkintä (R)</translation>
    </message>
    <message>
        <source>No clip selected: click one in the timeline.</source>
        <translation>Leikettä ei ole valittu: napsauta leikettä aikajanalla.</translation>
    </message>
    <message>
        <source>%1: %2 – %3 (%4 s)</source>
        <translation>%1: %2 – %3 (%4 s)</translation>
    </message>
    <message>
        <source>, labelled</source>
        <translation>, luokiteltu</translation>
    </message>
    <message>
        <source> — its range changed after labelling: needs a second look</source>
        <translation> — rajat muuttuivat luokittelun jälkeen: tarkista uudelleen</translation>
    </message>
    <message>
        <source>Select a clip first: click it in the timeline.</source>
        <translation>Valitse ensin leike: napsauta sitä aikajanalla.</translation>
    </message>
    <message>
        <source>Set the in point of %1 to %2</source>
        <translation>Leikkeen %1 alku kohtaan %2</translation>
    </message>
    <message>
        <source>Set the out point of %1 to %2</source>
        <translation>Leikkeen %1 loppu kohtaan %2</translation>
    </message>
    <message>
        <source>Move the in point of %1 to %2</source>
        <translation>Siirrä leikkeen %1 alku kohtaan %2</translation>
    </message>
    <message>
        <source>Move the out point of %1 to %2</source>
        <translation>Siirrä leikkeen %1 loppu kohtaan %2</translation>
    </message>
    <message>
        <source>Split %1 at %2</source>
        <translation>Jaa %1 kohdasta %2</translation>
    </message>
    <message>
        <source>%1 is the last clip of this recording: there is nothing to merge it with.</source>
        <translation>%1 on tallenteen viimeinen leike: sitä ei voi yhdistää seuraavaan.</translation>
    </message>
    <message>
        <source>Merge %1 into %2</source>
        <translation>Yhdistä %1 leikkeeseen %2</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Poista %1</translation>
    </message>
    <message>
        <source>Flag %1 for a second look</source>
        <translation>Merkitse %1 tarkistettavaksi</translation>
    </message>
    <message>
        <source>Mark %1 as reviewed</source>
        <translation>Merkitse %1 tarkistetuksi</translation>
    </message>
    <message>
        <source>The playhead is inside %1: split it (S) or move the playhead to a gap.</source>
        <translation>Toistokohta on leikkeen %1 sisällä: jaa se (S) tai siirrä toistokohta aukkoon.</translation>
    </message>
    <message>
        <source>No room for a new clip at the playhead.</source>
        <translation>Toistokohdassa ei ole tilaa uudelle leikkeelle.</translation>
    </message>
    <message>
        <source>New clip %1 at %2</source>
        <translation>Uusi leike %1 kohtaan %2</translation>
    </message>
    <message>
        <source>Shift+←/→ nudge in, Ctrl+←/→ nudge out by 100 ms (with Alt: one frame) · drag a clip's edge to move it · ↑/↓ previous / next clip · Ctrl+wheel or +/− zoom, 0 the whole recording · Ctrl+Z undo</source>
        <translation>Shift+←/→ siirtää alkua, Ctrl+←/→ loppua 100 ms (Altin kanssa: yksi kuva) · vedä leikkeen reunaa siirtääksesi sitä · ↑/↓ edellinen / seuraava leike · Ctrl+rulla tai +/− zoomaa, 0 koko tallenne · Ctrl+Z kumoa</translation>
    </message>
</context>
<context>
    <name>motor::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Pikanäppäimet</translation>
    </message>
    <message>
        <source>%1: %2 (press again to clear)</source>
        <translation>%1: %2 (paina uudelleen poistaaksesi)</translation>
    </message>
    <message>
        <source>Edit the note of the first dimension</source>
        <translation>Muokkaa ensimmäisen ulottuvuuden huomautusta</translation>
    </message>
    <message>
        <source>Next / previous clip in the browser</source>
        <translation>Seuraava / edellinen leike selaimessa</translation>
    </message>
    <message>
        <source>Next clip in the disagreement queue</source>
        <translation>Seuraava leike erimielisyysjonossa</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Välilyönti</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>Toista / tauko</translation>
    </message>
    <message>
        <source>One frame back / forward</source>
        <translation>Yksi kuva taakse / eteen</translation>
    </message>
    <message>
        <source>Left / Right</source>
        <translation>Vasen / oikea nuoli</translation>
    </message>
    <message>
        <source>One second back / forward</source>
        <translation>Yksi sekunti taakse / eteen</translation>
    </message>
    <message>
        <source>Slower / faster (0.25× to 2×)</source>
        <translation>Hitaammin / nopeammin (0,25× – 2×)</translation>
    </message>
    <message>
        <source>Loop the clip on / off</source>
        <translation>Silmukka päälle / pois</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Tee uudelleen</translation>
    </message>
    <message>
        <source>Search clips</source>
        <translation>Hae leikkeitä</translation>
    </message>
    <message>
        <source>This help</source>
        <translation>Tämä ohje</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Näppäin</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Toiminto</translation>
    </message>
    <message>
        <source>Label, Review, Metrics, Predict, Segment view</source>
        <translation>Luokittelu-, tarkastelu-, mittari-, ennuste- ja rajausnäkymä</translation>
    </message>
    <message>
        <source>Segment: the selected clip starts / ends at the playhead</source>
        <translation>Rajaus: valittu leike alkaa / päättyy toistokohdassa</translation>
    </message>
    <message>
        <source>Segment: split the clip at the playhead / merge it with the next</source>
        <translation>Rajaus: jaa leike toistokohdasta / yhdistä se seuraavaan</translation>
    </message>
    <message>
        <source>Insert / Delete</source>
        <translation>Insert / Delete</translation>
    </message>
    <message>
        <source>Segment: a new clip at the playhead / delete the clip</source>
        <translation>Rajaus: uusi leike toistokohtaan / poista leike</translation>
    </message>
    <message>
        <source>Shift / Ctrl + Left / Right</source>
        <translation>Shift / Ctrl + vasen / oikea</translation>
    </message>
    <message>
        <source>Segment: move the in / out point by 100 ms (with Alt: one frame)</source>
        <translation>Rajaus: siirrä alkua / loppua 100 ms (Altin kanssa: yksi kuva)</translation>
    </message>
    <message>
        <source>Up / Down</source>
        <translation>Ylös / alas</translation>
    </message>
    <message>
        <source>Segment: previous / next clip</source>
        <translation>Rajaus: edellinen / seuraava leike</translation>
    </message>
    <message>
        <source>Undo the last change: a label, a clip or the transcript</source>
        <translation>Kumoa viimeisin muutos: luokitus, leike tai litteraatio</translation>
    </message>
    <message>
        <source>Transcript: give it the keyboard (or click a line)</source>
        <translation>Litteraatio: anna sille näppäimistö (tai napsauta riviä)</translation>
    </message>
    <message>
        <source>F2 / Enter</source>
        <translation>F2 / Enter</translation>
    </message>
    <message>
        <source>Transcript: edit the line's text (Enter saves, Esc cancels, Ctrl+P splits at the cursor)</source>
        <translation>Litteraatio: muokkaa rivin tekstiä (Enter tallentaa, Esc peruu, Ctrl+P jakaa kursorin kohdalta)</translation>
    </message>
    <message>
        <source>Transcript: the speaker of every selected line</source>
        <translation>Litteraatio: kaikkien valittujen rivien puhuja</translation>
    </message>
    <message>
        <source>Transcript: the line starts / ends at the playhead</source>
        <translation>Litteraatio: rivi alkaa / päättyy toistokohdassa</translation>
    </message>
    <message>
        <source>Transcript: its start / end 100 ms earlier / later</source>
        <translation>Litteraatio: sen alku / loppu 100 ms aiemmin / myöhemmin</translation>
    </message>
    <message>
        <source>Transcript: split the line at the playhead / merge it with the next</source>
        <translation>Litteraatio: jaa rivi toistokohdasta / yhdistä se seuraavaan</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Transcript: delete the selected lines</source>
        <translation>Litteraatio: poista valitut rivit</translation>
    </message>
    <message>
        <source>Insert / Ctrl+Enter</source>
        <translation>Insert / Ctrl+Enter</translation>
    </message>
    <message>
        <source>Transcript: a new utterance at the playhead (to the next one, at most 2 s), its text open</source>
        <translation>Litteraatio: uusi puheenvuoro toistokohtaan (seuraavaan asti, enintään 2 s), sen teksti auki</translation>
    </message>
    <message>
        <source>Next unlabelled clip</source>
        <translation>Seuraava leike, jota en ole luokitellut</translation>
    </message>
    <message>
        <source>Segment: set or clear the clip's "needs a second look" flag</source>
        <translation>Rajaus: aseta tai poista leikkeen ”tarkista uudelleen” -merkintä</translation>
    </message>
    <message>
        <source>Segment: zoom the timeline in / out / to the whole recording</source>
        <translation>Rajaus: aikajanan lähennys / loitonnus / koko tallenne</translation>
    </message>
</context>
<context>
    <name>motor::ui::StartPage</name>
    <message>
        <source>MOTOR Studio</source>
        <translation>MOTOR Studio</translation>
    </message>
    <message>
        <source>Label classroom clips for self-regulated learning and compare AI models with experts.</source>
        <translation>Luokittele luokkahuoneleikkeitä itsesäätöisen oppimisen näkökulmasta ja vertaa tekoälymalleja asiantuntijoihin.</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>Avaa projekti…</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>Uusi projekti…</translation>
    </message>
    <message>
        <source>Open demo project</source>
        <translation>Avaa esittelyprojekti</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Viimeisimmät projektit</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>Ei viimeisimpiä projekteja</translation>
    </message>
</context>
<context>
    <name>motor::ui::TranscribeDialog</name>
    <message>
        <source>Transcribe recording</source>
        <translation>Litteroi tallenne</translation>
    </message>
    <message>
        <source>&amp;Recording:</source>
        <translation>&amp;Tallenne:</translation>
    </message>
    <message>
        <source>This computer (Whisper model)</source>
        <translation>Tämä tietokone (Whisper-malli)</translation>
    </message>
    <message>
        <source>A server (OpenAI-compatible /v1/audio/transcriptions)</source>
        <translation>Palvelin (OpenAI-yhteensopiva /v1/audio/transcriptions)</translation>
    </message>
    <message>
        <source>Run &amp;on:</source>
        <translation>Suo&amp;ritus:</translation>
    </message>
    <message>
        <source>A Whisper model: a Hugging Face folder, a whisper.cpp ggml file, or its name in %1</source>
        <translation>Whisper-malli: Hugging Face -kansio, whisper.cpp:n ggml-tiedosto tai sen nimi kansiossa %1</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Kansio…</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>Tiedosto…</translation>
    </message>
    <message>
        <source>Whisper model folder</source>
        <translation>Whisper-mallin kansio</translation>
    </message>
    <message>
        <source>whisper.cpp model file</source>
        <translation>whisper.cpp-mallitiedosto</translation>
    </message>
    <message>
        <source>ggml models (*.bin);;All files (*)</source>
        <translation>ggml-mallit (*.bin);;Kaikki tiedostot (*)</translation>
    </message>
    <message>
        <source>Send the recording's audio to this server</source>
        <translation>Lähetä tallenteen ääni tälle palvelimelle</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Malli:</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Tunnista</translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation>suomi</translation>
    </message>
    <message>
        <source>English</source>
        <translation>englanti</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Kieli:</translation>
    </message>
    <message>
        <source>Re&amp;place it</source>
        <translation>K&amp;orvaa se</translation>
    </message>
    <message>
        <source>A&amp;dd the new utterances beside it</source>
        <translation>Lisää uudet puheen&amp;vuorot sen rinnalle</translation>
    </message>
    <message>
        <source>&amp;Transcribe</source>
        <translation>&amp;Litteroi</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Peruuta</translation>
    </message>
    <message>
        <source>%1 of %2 transcribed</source>
        <translation>%1 / %2 litteroitu</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>noin %1 jäljellä</translation>
    </message>
    <message>
        <source>The recording's audio would leave this computer for %1. Without this, transcribe on this computer.</source>
        <translation>Tallenteen ääni lähtisi tästä tietokoneesta osoitteeseen %1. Ilman tätä litteroi tällä tietokoneella.</translation>
    </message>
    <message numerus="yes">
        <source>This recording has a transcript of %n utterance(s):</source>
        <translation>
            <numerusform>Tallenteella on litteraatti, %n puheenvuoro:</numerusform>
            <numerusform>Tallenteella on litteraatti, %n puheenvuoroa:</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Sulje</translation>
    </message>
    <message>
        <source>The project has no recording.</source>
        <translation>Projektissa ei ole tallennetta.</translation>
    </message>
    <message>
        <source>Give the name the server serves its model under.</source>
        <translation>Anna nimi, jolla palvelin tarjoaa mallinsa.</translation>
    </message>
    <message>
        <source>Choose a Whisper model (a folder, a ggml file or a name).</source>
        <translation>Valitse Whisper-malli (kansio, ggml-tiedosto tai nimi).</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Aloitetaan…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Peruutetaan…</translation>
    </message>
    <message>
        <source>Uploading the audio: %1 of %2 MB</source>
        <translation>Ääntä lähetetään: %1 / %2 Mt</translation>
    </message>
    <message>
        <source>Uploaded; the server is transcribing…</source>
        <translation>Lähetetty; palvelin litteroi…</translation>
    </message>
    <message>
        <source>(tick "%1"), or transcribe on this computer</source>
        <extracomment>How to allow sending the audio: %3 in "openai: sending %1 to %2, which is not this machine, ...".</extracomment>
        <translation>(valitse "%1") tai litteroi tällä tietokoneella</translation>
    </message>
    <message>
        <source>auto (the GPU when it can)</source>
        <translation>automaattinen (GPU, kun se käy)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>De&amp;vice:</source>
        <translation>La&amp;ite:</translation>
    </message>
    <message>
        <source>Replace the transcript?</source>
        <translation>Korvataanko litteraatti?</translation>
    </message>
    <message numerus="yes">
        <source>This replaces the %n utterance(s) of %1, corrections made by hand included, and cannot be undone. "Add the new utterances beside it" keeps them.</source>
        <translation>
            <numerusform>Tämä korvaa tallenteen %1 %n puheenvuoron käsin tehtyine korjauksineen, eikä sitä voi perua. "Lisää uudet puheenvuorot sen rinnalle" säilyttää ne.</numerusform>
            <numerusform>Tämä korvaa tallenteen %1 %n puheenvuoroa käsin tehtyine korjauksineen, eikä sitä voi perua. "Lisää uudet puheenvuorot sen rinnalle" säilyttää ne.</numerusform>
        </translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Korvaa</translation>
    </message>
    <message>
        <source>a model's name, a Hugging Face folder or a ggml file</source>
        <translation>mallin nimi, Hugging Face -kansio tai ggml-tiedosto</translation>
    </message>
    <message>
        <source>Model &amp;name:</source>
        <translation>Mallin &amp;nimi:</translation>
    </message>
</context>
<context>
    <name>motor::ui::TranscriptPane</name>
    <message>
        <source>Speaker</source>
        <translation>Puhuja</translation>
    </message>
    <message>
        <source>Utterance</source>
        <translation>Puheenvuoro</translation>
    </message>
    <message>
        <source>No transcript for this clip. Right-click to add an utterance at the playhead.</source>
        <translation>Tälle leikkeelle ei ole litteraatiota. Lisää puheenvuoro toistokohtaan napsauttamalla hiiren oikealla painikkeella.</translation>
    </message>
    <message>
        <source>Edit the text</source>
        <translation>Muokkaa tekstiä</translation>
    </message>
    <message>
        <source>Speaker of the selected lines</source>
        <translation>Valittujen rivien puhuja</translation>
    </message>
    <message>
        <source>New utterance at the playhead</source>
        <translation>Uusi puheenvuoro toistokohtaan</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>Insert</translation>
    </message>
    <message>
        <source>Split at the playhead</source>
        <translation>Jaa toistokohdasta</translation>
    </message>
    <message>
        <source>Merge with the next</source>
        <translation>Yhdistä seuraavaan</translation>
    </message>
    <message>
        <source>Delete the selected lines</source>
        <translation>Poista valitut rivit</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>%1 – %2 in the recording</source>
        <translation>%1 – %2 tallenteessa</translation>
    </message>
    <message>
        <source>Transcribe…</source>
        <translation>Litteroi…</translation>
    </message>
    <message>
        <source>Make this recording's transcript from its audio with a Whisper model</source>
        <translation>Tee tämän tallenteen litteraatti sen äänestä Whisper-mallilla</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Alku</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Loppu</translation>
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
        <translation>Napsauta riviä toistaaksesi siitä kohdasta. Kun litteraatiolla on näppäimistö (napsautus tai Ctrl+T):
F2, Enter tai kaksoisnapsautus: muokkaa tekstiä (Enter tallentaa, Esc peruu, Ctrl+P jakaa tekstikursorin kohdalta)
Shift+F2: kaikkien valittujen rivien puhuja (Shift tai Ctrl + napsautus valitsee useita)
I / O: puheenvuoro alkaa / päättyy toistokohdassa
Shift / Ctrl + vasen / oikea nuoli: sen alku / loppu 100 ms aiemmin / myöhemmin
P: jaa se toistokohdasta · U: yhdistä se seuraavaan · Delete: poista valitut rivit
Insert tai Ctrl+Enter: uusi puheenvuoro toistokohtaan, sen teksti auki kirjoittamista varten
Jokainen muutos tallentuu heti; Ctrl+Z kumoaa sen.</translation>
    </message>
    <message>
        <source>F2 edit · I / O start / end at the playhead · P split · U merge · Insert new · Shift+F2 speaker · Ctrl+T transcript · F1 all keys</source>
        <translation>F2 muokkaa · I / O alku / loppu toistokohtaan · P jaa · U yhdistä · Insert uusi · Shift+F2 puhuja · Ctrl+T litteraatio · F1 kaikki näppäimet</translation>
    </message>
    <message>
        <source>Insert an utterance at %1</source>
        <translation>Lisää puheenvuoro kohtaan %1</translation>
    </message>
    <message>
        <source>Choose a coder ("Coder" in the status bar) to edit the transcript: without one the project is read-only.</source>
        <translation>Valitse koodaaja (tilarivin "Koodaaja") muokataksesi litteraatiota: ilman koodaajaa projekti on vain luettavissa.</translation>
    </message>
    <message>
        <source>The player has no position yet: play or seek first.</source>
        <translation>Soittimella ei ole vielä toistokohtaa: toista tai siirry ensin johonkin kohtaan.</translation>
    </message>
    <message>
        <source>Select an utterance first: click it, or move with Up / Down.</source>
        <translation>Valitse ensin puheenvuoro: napsauta sitä tai liiku ylä- ja alanuolella.</translation>
    </message>
    <message>
        <source>The utterance at %1 starts at %2</source>
        <translation>Puheenvuoron (%1) alku: %2</translation>
    </message>
    <message>
        <source>The utterance at %1 ends at %2</source>
        <translation>Puheenvuoron (%1) loppu: %2</translation>
    </message>
    <message>
        <source>Merge the utterance at %1 with the next one</source>
        <translation>Yhdistä puheenvuoro (%1) seuraavaan</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n utterance(s)</source>
        <translation>
            <numerusform>Poista %n puheenvuoro</numerusform>
            <numerusform>Poista %n puheenvuoroa</numerusform>
        </translation>
    </message>
    <message>
        <source>Split the utterance at %1 at %2</source>
        <translation>Jaa puheenvuoro (%1) kohdasta %2</translation>
    </message>
    <message>
        <source>Edit the text of the utterance at %1</source>
        <translation>Muokkaa puheenvuoron (%1) tekstiä</translation>
    </message>
    <message numerus="yes">
        <source>Set the speaker of %n utterance(s) to %1</source>
        <translation>
            <numerusform>Aseta %n puheenvuoron puhujaksi %1</numerusform>
            <numerusform>Aseta %n puheenvuoron puhujaksi %1</numerusform>
        </translation>
    </message>
    <message>
        <source>"%1" is not a time: write minutes:seconds from the clip's start, e.g. 0:03.5.</source>
        <translation>"%1" ei ole aika: kirjoita minuutit:sekunnit leikkeen alusta, esim. 0:03.5.</translation>
    </message>
    <message>
        <source>Not changed: the end (%1) must come after the start (%2).</source>
        <translation>Ei muutettu: lopun (%1) pitää olla alun (%2) jälkeen.</translation>
    </message>
    <message>
        <source>Not split: the playhead (%1) is not inside this utterance (%2 – %3). Move it to where the second part begins.</source>
        <translation>Ei jaettu: toistokohta (%1) ei ole tämän puheenvuoron (%2 – %3) sisällä. Siirrä se kohtaan, josta jälkimmäinen osa alkaa.</translation>
    </message>
</context>
<context>
    <name>motor::ui::TranscriptionJob</name>
    <message>
        <source>Cancelled: the transcript is as it was.</source>
        <translation>Peruutettu: litteraatti on ennallaan.</translation>
    </message>
    <message numerus="yes">
        <source>%n utterance(s) written</source>
        <translation>
            <numerusform>%n puheenvuoro kirjoitettu</numerusform>
            <numerusform>%n puheenvuoroa kirjoitettu</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n earlier one(s) replaced</source>
        <translation>
            <numerusform>%n aiempi korvattu</numerusform>
            <numerusform>%n aiempaa korvattu</numerusform>
        </translation>
    </message>
    <message>
        <source>Language %1; %2 s of audio in %3 s.</source>
        <translation>Kieli %1; %2 s ääntä %3 sekunnissa.</translation>
    </message>
    <message>
        <source>Ran on: %1</source>
        <translation>Laskettiin: %1</translation>
    </message>
</context>
</TS>
