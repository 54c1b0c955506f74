#include "core/demo/DemoScripts.h"

namespace motor::demo {

QString demoSpeakerName(int speaker) { return QStringLiteral("Oppilas %1").arg(QChar('A' + speaker)); }

const QVector<DemoScript>& demoScripts() {
    // Monitoring dominates, as in MOTOR-Bench; emotion is mostly Neutral.
    static const QVector<DemoScript> scripts = {
        {{{0, QStringLiteral("Ollaanko me nyt oikeilla jäljillä?")},
          {1, QStringLiteral("Luulisin, ohjeessa sanottiin että ensin punnitaan.")}},
         QStringLiteral("Monitoring"), QStringLiteral("Neutral"), QStringLiteral("Neutral")},
        {{{1, QStringLiteral("Mitä tässä tehtävässä pitikään tehdä?")},
          {2, QStringLiteral("En mä oikein tajua tätä kohtaa.")},
          {0, QStringLiteral("Ei munkaan mielestä tää oo selvä.")}},
         QStringLiteral("Monitoring"), QStringLiteral("Negative"), QStringLiteral("Neutral")},
        {{{2, QStringLiteral("Katsokaa, lämpötila nousee just niin kuin arvattiin!")},
          {0, QStringLiteral("Jes, se toimii!")}},
         QStringLiteral("Monitoring"), QStringLiteral("Positive"), QStringLiteral("Positive")},
        {{{0, QStringLiteral("Onks kaikilla sama tulos taulukossa?")},
          {3, QStringLiteral("Mulla on kolkytkaks grammaa.")},
          {1, QStringLiteral("Sama.")}},
         QStringLiteral("Monitoring"), QStringLiteral("Neutral"), QStringLiteral("Neutral")},
        {{{3, QStringLiteral("Miks tää ei taaskaan toimi? Ärsyttää.")},
          {2, QStringLiteral("Me tehtiin ihan samalla tavalla kuin äsken.")}},
         QStringLiteral("Monitoring"), QStringLiteral("Negative"), QStringLiteral("Negative")},
        {{{1, QStringLiteral("Paljonko meillä on aikaa jäljellä?")},
          {0, QStringLiteral("Kymmenen minuuttia, ehditään kyllä.")}},
         QStringLiteral("Monitoring"), QStringLiteral("Positive"), QStringLiteral("Neutral")},
        {{{2, QStringLiteral("Onks tää liuos nyt kirkas vai samea?")},
          {3, QStringLiteral("Vähän sameahko, mut en oo varma.")}},
         QStringLiteral("Monitoring"), QStringLiteral("Mixed"), QStringLiteral("Neutral")},
        {{{0, QStringLiteral("Hei, me saatiin se! Se kuplii!")},
          {1, QStringLiteral("Haha, vihdoinkin, mut miks se kesti niin kauan?")}},
         QStringLiteral("Monitoring"), QStringLiteral("Mixed"), QStringLiteral("Mixed")},
        {{{1, QStringLiteral("Laitetaan ensin vesi ja sitten suola.")},
          {2, QStringLiteral("Okei, mä kaadan.")}},
         QStringLiteral("Controlling"), QStringLiteral("Neutral"), QStringLiteral("Neutral")},
        {{{3, QStringLiteral("Ei noin, mitataan se uudestaan tarkemmin.")},
          {0, QStringLiteral("Niin, äskeinen lukema oli ihan väärin.")}},
         QStringLiteral("Controlling"), QStringLiteral("Negative"), QStringLiteral("Neutral")},
        {{{0, QStringLiteral("Kirjoita sä tulokset, mä luen mittarin.")},
          {1, QStringLiteral("Selvä, sano kun oot valmis.")}},
         QStringLiteral("Controlling"), QStringLiteral("Neutral"), QStringLiteral("Neutral")},
        {{{2, QStringLiteral("Tehdään niin kuin opettaja neuvoi, se toimi viimeksi hyvin.")},
          {3, QStringLiteral("Joo, se on varmempi.")}},
         QStringLiteral("Controlling"), QStringLiteral("Positive"), QStringLiteral("Neutral")},
        {{{1, QStringLiteral("Vaihdetaan tapaa, tää ei johda mihinkään.")},
          {0, QStringLiteral("Huoh, tää on tylsää.")}},
         QStringLiteral("Controlling"), QStringLiteral("Negative"), QStringLiteral("Negative")},
        {{{3, QStringLiteral("Jee, nyt seuraava vaihe! Sä sekoitat ja mä otan ajan.")},
          {2, QStringLiteral("Tää on kivaa!")}},
         QStringLiteral("Controlling"), QStringLiteral("Positive"), QStringLiteral("Positive")},
        {{{0, QStringLiteral("Onks tää oikein? Jos ei, kokeillaan toista liuosta.")},
          {1, QStringLiteral("Kokeillaan, ei siitä haittaa oo.")}},
         QStringLiteral("Mixed"), QStringLiteral("Mixed"), QStringLiteral("Neutral")},
        {{{2, QStringLiteral("Tulos on outo. Katsotaan ohjeesta ja tehdään uudestaan.")},
          {3, QStringLiteral("Mä luen ohjeen ääneen.")}},
         QStringLiteral("Mixed"), QStringLiteral("Negative"), QStringLiteral("Neutral")},
        {{{1, QStringLiteral("Tää meni hyvin, mut seuraavaksi pitää olla nopeampia.")},
          {0, QStringLiteral("Joo, jaetaan työt ettei tuu kiire.")}},
         QStringLiteral("Mixed"), QStringLiteral("Mixed"), QStringLiteral("Positive")},
    };
    return scripts;
}

}  // namespace motor::demo
