<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>New conversation</source>
        <translation>Ny konversation</translation>
    </message>
    <message>
        <source>&amp;New Conversation</source>
        <translation>&amp;Ny konversation</translation>
    </message>
    <message>
        <source>Start a new conversation</source>
        <translation>Starta en ny konversation</translation>
    </message>
    <message>
        <source>&amp;Search Conversations…</source>
        <translation>&amp;Sök i konversationer…</translation>
    </message>
    <message>
        <source>Search titles and every message</source>
        <translation>Sök i titlar och alla meddelanden</translation>
    </message>
    <message>
        <source>&amp;Import claude.ai Export…</source>
        <translation>&amp;Importera export från claude.ai…</translation>
    </message>
    <message>
        <source>Import conversations from a claude.ai data export</source>
        <translation>Importera konversationer från en dataexport från claude.ai</translation>
    </message>
    <message>
        <source>&amp;Export Conversation…</source>
        <translation>&amp;Exportera konversationen…</translation>
    </message>
    <message>
        <source>Save this conversation as Markdown or JSON</source>
        <translation>Spara konversationen som Markdown eller JSON</translation>
    </message>
    <message>
        <source>Export &amp;All Conversations…</source>
        <translation>Exportera &amp;alla konversationer…</translation>
    </message>
    <message>
        <source>Save every conversation as Markdown or JSON</source>
        <translation>Spara alla konversationer som Markdown eller JSON</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Inställningar…</translation>
    </message>
    <message>
        <source>Providers, tokens and preferences</source>
        <translation>Leverantörer, token och inställningar</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
    <message>
        <source>Quit Samtal</source>
        <translation>Avsluta Samtal</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Ångra</translation>
    </message>
    <message>
        <source>Undo the last edit</source>
        <translation>Ångra den senaste ändringen</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Gör om</translation>
    </message>
    <message>
        <source>Redo the edit undone</source>
        <translation>Gör om ändringen som ångrades</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Klipp &amp;ut</translation>
    </message>
    <message>
        <source>Cut the selected text</source>
        <translation>Klipp ut den markerade texten</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopiera</translation>
    </message>
    <message>
        <source>Copy the selected text</source>
        <translation>Kopiera den markerade texten</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>Klistra &amp;in</translation>
    </message>
    <message>
        <source>Paste at the cursor</source>
        <translation>Klistra in vid markören</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>Markera &amp;allt</translation>
    </message>
    <message>
        <source>Select all the text of the field</source>
        <translation>Markera all text i fältet</translation>
    </message>
    <message>
        <source>Copy the last reply as Markdown</source>
        <translation>Kopiera det senaste svaret som Markdown</translation>
    </message>
    <message>
        <source>Copy &amp;Last Reply</source>
        <translation>Kopiera senas&amp;te svaret</translation>
    </message>
    <message>
        <source>&amp;Prices…</source>
        <translation>&amp;Priser…</translation>
    </message>
    <message>
        <source>Token prices per model, used for the costs shown</source>
        <translation>Tokenpriser per modell, som används för kostnaderna som visas</translation>
    </message>
    <message>
        <source>&amp;Attach Files…</source>
        <translation>&amp;Bifoga filer…</translation>
    </message>
    <message>
        <source>Attach images, PDFs or text files to the message</source>
        <translation>Bifoga bilder, PDF-filer eller textfiler till meddelandet</translation>
    </message>
    <message>
        <source>&amp;Stop Reply</source>
        <translation>&amp;Stoppa svaret</translation>
    </message>
    <message>
        <source>Stop the reply; the partial text is kept</source>
        <translation>Stoppa svaret; texten hittills sparas</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Försök igen</translation>
    </message>
    <message>
        <source>Send the failed or stopped request again</source>
        <translation>Skicka den misslyckade eller stoppade begäran igen</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>F&amp;ortsätt</translation>
    </message>
    <message>
        <source>Continue a reply that was cut off</source>
        <translation>Fortsätt ett svar som avbröts</translation>
    </message>
    <message>
        <source>Re&amp;generate Reply</source>
        <translation>&amp;Generera om svaret</translation>
    </message>
    <message>
        <source>Ask again; the old reply stays as a branch</source>
        <translation>Fråga igen; det gamla svaret finns kvar som en gren</translation>
    </message>
    <message>
        <source>&amp;Inspect Last Request…</source>
        <translation>&amp;Granska senaste begäran…</translation>
    </message>
    <message>
        <source>The request, response headers and usage of the last reply</source>
        <translation>Begäran, svarshuvudena och förbrukningen för det senaste svaret</translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation>&amp;Byt namn…</translation>
    </message>
    <message>
        <source>Rename this conversation</source>
        <translation>Byt namn på konversationen</translation>
    </message>
    <message>
        <source>&amp;Pin</source>
        <translation>&amp;Fäst</translation>
    </message>
    <message>
        <source>Keep this conversation at the top</source>
        <translation>Håll konversationen överst</translation>
    </message>
    <message>
        <source>&amp;Tags…</source>
        <translation>&amp;Taggar…</translation>
    </message>
    <message>
        <source>Tag this conversation</source>
        <translation>Tagga konversationen</translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation>&amp;Arkivera</translation>
    </message>
    <message>
        <source>Move out of the list without deleting</source>
        <translation>Flytta ut ur listan utan att ta bort</translation>
    </message>
    <message>
        <source>Move to &amp;Trash</source>
        <translation>Flytta till &amp;papperskorgen</translation>
    </message>
    <message>
        <source>Delete (it stays in the trash for 30 days)</source>
        <translation>Ta bort (den ligger kvar i papperskorgen i 30 dagar)</translation>
    </message>
    <message>
        <source>Pre&amp;vious Conversation</source>
        <translation>&amp;Föregående konversation</translation>
    </message>
    <message>
        <source>Ne&amp;xt Conversation</source>
        <translation>N&amp;ästa konversation</translation>
    </message>
    <message>
        <source>&amp;Conversation List</source>
        <translation>&amp;Konversationslista</translation>
    </message>
    <message>
        <source>Show or hide the conversation list</source>
        <translation>Visa eller dölj konversationslistan</translation>
    </message>
    <message>
        <source>&amp;Parameters Panel</source>
        <translation>&amp;Parameterpanel</translation>
    </message>
    <message>
        <source>Show or hide the parameters: model, sampling, system prompt, tools</source>
        <translation>Visa eller dölj parametrarna: modell, sampling, systemprompt, verktyg</translation>
    </message>
    <message>
        <source>&amp;Archived Conversations</source>
        <translation>&amp;Arkiverade konversationer</translation>
    </message>
    <message>
        <source>T&amp;rash</source>
        <translation>&amp;Papperskorgen</translation>
    </message>
    <message>
        <source>&amp;Jump to Latest</source>
        <translation>&amp;Gå till senaste</translation>
    </message>
    <message>
        <source>Scroll to the newest message</source>
        <translation>Rulla till det senaste meddelandet</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Zooma &amp;in</translation>
    </message>
    <message>
        <source>Larger text in the conversation</source>
        <translation>Större text i konversationen</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Zooma &amp;ut</translation>
    </message>
    <message>
        <source>Smaller text in the conversation</source>
        <translation>Mindre text i konversationen</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>&amp;Verklig storlek</translation>
    </message>
    <message>
        <source>The conversation&apos;s text at the window&apos;s text size</source>
        <translation>Konversationens text i fönstrets textstorlek</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Kortkommandon</translation>
    </message>
    <message>
        <source>&amp;About Samtal</source>
        <translation>&amp;Om Samtal</translation>
    </message>
    <message>
        <source>Un&amp;archive</source>
        <translation>Av&amp;arkivera</translation>
    </message>
    <message>
        <source>in {n}</source>
        <translation>in {n}</translation>
    </message>
    <message>
        <source>out ~{n}</source>
        <translation>ut ~{n}</translation>
    </message>
    <message>
        <source>out {n}</source>
        <translation>ut {n}</translation>
    </message>
    <message>
        <source>{cost} (reported)</source>
        <translation>{cost} (rapporterat)</translation>
    </message>
    <message>
        <source>first token {s} s</source>
        <translation>första token {s} s</translation>
    </message>
    <message>
        <source>{r} tok/s</source>
        <translation>{r} token/s</translation>
    </message>
    <message>
        <source>Failed: {message}</source>
        <translation>Misslyckades: {message}</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>okänt fel</translation>
    </message>
    <message>
        <source>Interrupted: {message}</source>
        <translation>Avbrutet: {message}</translation>
    </message>
    <message>
        <source>the connection ended</source>
        <translation>anslutningen bröts</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Stoppat.</translation>
    </message>
    <message>
        <source>Declined: {reason}</source>
        <translation>Avböjt: {reason}</translation>
    </message>
    <message>
        <source>Declined.</source>
        <translation>Avböjt.</translation>
    </message>
    <message>
        <source>Reached max_tokens.</source>
        <translation>Nådde max_tokens.</translation>
    </message>
    <message>
        <source>The context window is full.</source>
        <translation>Kontextfönstret är fullt.</translation>
    </message>
    <message>
        <source>now</source>
        <translation>nu</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} tim</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>Fästa</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>I dag</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>I går</translation>
    </message>
    <message>
        <source>Previous 7 days</source>
        <translation>Senaste 7 dagarna</translation>
    </message>
    <message>
        <source>Previous 30 days</source>
        <translation>Senaste 30 dagarna</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>Claude</source>
        <translation>Claude</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>no messages yet</source>
        <translation>inga meddelanden än</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln meddelande</numerusform>
            <numerusform>%Ln meddelanden</numerusform>
        </translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} s</translation>
    </message>
    <message>
        <source>{m} min {s} s</source>
        <translation>{m} min {s} s</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} tim {m} min</translation>
    </message>
    <message>
        <source>{h} h</source>
        <translation>{h} tim</translation>
    </message>
    <message>
        <source>{remaining} of {limit} left</source>
        <translation>{remaining} av {limit} kvar</translation>
    </message>
    <message>
        <source>wait {t} before retrying</source>
        <translation>vänta {t} innan du försöker igen</translation>
    </message>
    <message>
        <source>quote this id when you ask support about this reply</source>
        <translation>ange detta id när du frågar supporten om svaret</translation>
    </message>
    <message>
        <source>in {t} (at {time})</source>
        <translation>om {t} (kl. {time})</translation>
    </message>
    <message>
        <source>passed (at {time})</source>
        <translation>passerad (kl. {time})</translation>
    </message>
    <message numerus="yes">
        <source>%Ln web search(es)</source>
        <translation>
            <numerusform>%Ln webbsökning</numerusform>
            <numerusform>%Ln webbsökningar</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source> or </source>
        <translation> eller </translation>
    </message>
    <message>
        <source>{caption}: {value}</source>
        <translation>{caption}: {value}</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Svar</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stoppat</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Misslyckades</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Avbrutet</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Avböjt</translation>
    </message>
    <message>
        <source>Context window full</source>
        <translation>Kontextfönstret fullt</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausat</translation>
    </message>
    <message>
        <source>Input: {i} tokens · output: {o} tokens</source>
        <translation>Indata: {i} token · utdata: {o} token</translation>
    </message>
    <message>
        <source>Of the input: {r} read from the cache, {w} written to it</source>
        <translation>Av indata: {r} lästa från cachen, {w} skrivna till den</translation>
    </message>
    <message>
        <source>Speed: {r} tokens a second</source>
        <translation>Hastighet: {r} token i sekunden</translation>
    </message>
    <message>
        <source>First token after {s} s</source>
        <translation>Första token efter {s} s</translation>
    </message>
    <message>
        <source>The last reply of the branch on screen</source>
        <translation>Det senaste svaret i grenen som visas</translation>
    </message>
    <message>
        <source>{i} in · {o} out</source>
        <translation>{i} in · {o} ut</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiera</translation>
    </message>
    <message>
        <source>image</source>
        <translation>bild</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>Källor</translation>
    </message>
    <message>
        <source>Document {n}</source>
        <translation>Dokument {n}</translation>
    </message>
    <message>
        <source>Wrap</source>
        <translation>Radbryt</translation>
    </message>
    <message>
        <source>Reply text</source>
        <translation>Svarstext</translation>
    </message>
    <message>
        <source>Sources of the reply</source>
        <translation>Svarets källor</translation>
    </message>
    <message>
        <source>The reply&apos;s JSON</source>
        <translation>Svarets JSON</translation>
    </message>
    <message>
        <source>Checking against the output schema…</source>
        <translation>Kontrollerar mot utdataschemat…</translation>
    </message>
    <message>
        <source>The output schema is not a valid JSON Schema ({problem}), so the reply was not checked.</source>
        <translation>Utdataschemat är inte ett giltigt JSON Schema ({problem}), så svaret kontrollerades inte.</translation>
    </message>
    <message>
        <source>✗ The reply is not valid JSON: {problem}.</source>
        <translation>✗ Svaret är inte giltig JSON: {problem}.</translation>
    </message>
    <message>
        <source>✗ The reply does not match the output schema:</source>
        <translation>✗ Svaret stämmer inte med utdataschemat:</translation>
    </message>
    <message>
        <source>  … and {n} more</source>
        <translation>  … och {n} till</translation>
    </message>
    <message>
        <source>✓ Matches the output schema</source>
        <translation>✓ Stämmer med utdataschemat</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Meddelandetext</translation>
    </message>
    <message>
        <source>Latest line of the model&apos;s thinking</source>
        <translation>Senaste raden i modellens tänkande</translation>
    </message>
    <message>
        <source>The model&apos;s thinking</source>
        <translation>Modellens tänkande</translation>
    </message>
    <message>
        <source>Thinking… {seconds} s</source>
        <translation>Tänker… {seconds} s</translation>
    </message>
    <message>
        <source>Thought</source>
        <translation>Tänkte</translation>
    </message>
    <message>
        <source>Thinking withheld (display: omitted)</source>
        <translation>Tänkandet undanhållet (visning: omitted)</translation>
    </message>
    <message>
        <source>The model thought, but the provider sent only a signature, not the text (thinking display &quot;omitted&quot;). The thinking is sent back with the next request as it came, so the model keeps it.</source>
        <translation>Modellen tänkte, men leverantören skickade bara en signatur, inte texten (tänkandets visning &quot;omitted&quot;). Tänkandet skickas tillbaka med nästa begäran som det kom, så att modellen behåller det.</translation>
    </message>
    <message>
        <source>Hide the model&apos;s thinking</source>
        <translation>Dölj modellens tänkande</translation>
    </message>
    <message>
        <source>Show the model&apos;s thinking</source>
        <translation>Visa modellens tänkande</translation>
    </message>
    <message>
        <source>Thought for {seconds} s</source>
        <translation>Tänkte i {seconds} s</translation>
    </message>
    <message>
        <source>Part of the model&apos;s thinking was redacted by the provider.</source>
        <translation>En del av modellens tänkande maskades av leverantören.</translation>
    </message>
    <message>
        <source>This call can&apos;t be answered. Regenerate the reply for a complete one.</source>
        <translation>Det här anropet kan inte besvaras. Generera om svaret för att få ett komplett.</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Generera om</translation>
    </message>
    <message>
        <source>Write a new version of this reply</source>
        <translation>Skriv en ny version av svaret</translation>
    </message>
    <message>
        <source>Tool call · {name}</source>
        <translation>Verktygsanrop · {name}</translation>
    </message>
    <message>
        <source>Interrupted: the input never completed</source>
        <translation>Avbrutet: indata blev aldrig klara</translation>
    </message>
    <message>
        <source>receiving input…</source>
        <translation>tar emot indata…</translation>
    </message>
    <message>
        <source>Answered with an error · the result is below</source>
        <translation>Besvarat med ett fel · resultatet står nedan</translation>
    </message>
    <message>
        <source>Answered · the result is below</source>
        <translation>Besvarat · resultatet står nedan</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>What {name} returned…</source>
        <translation>Vad {name} returnerade…</translation>
    </message>
    <message>
        <source>Result of {name}</source>
        <translation>Resultat från {name}</translation>
    </message>
    <message>
        <source>The tool failed (is_error)</source>
        <translation>Verktyget misslyckades (is_error)</translation>
    </message>
    <message>
        <source>Send this result marked as an error, so the model knows the call failed</source>
        <translation>Skicka resultatet markerat som fel, så att modellen vet att anropet misslyckades</translation>
    </message>
    <message>
        <source>Result for {name}</source>
        <translation>Resultat för {name}</translation>
    </message>
    <message>
        <source>Tool result</source>
        <translation>Verktygsresultat</translation>
    </message>
    <message>
        <source>{title} · error</source>
        <translation>{title} · fel</translation>
    </message>
    <message>
        <source>[{type} block]</source>
        <translation>[{type}-block]</translation>
    </message>
    <message>
        <source>document</source>
        <translation>dokument</translation>
    </message>
    <message>
        <source>link</source>
        <translation>länk</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fel</translation>
    </message>
    <message>
        <source>The reply was interrupted</source>
        <translation>Svaret avbröts</translation>
    </message>
    <message>
        <source>Request id: {id}</source>
        <translation>Begärans id: {id}</translation>
    </message>
    <message>
        <source>The partial reply above is kept.</source>
        <translation>Det ofullständiga svaret ovan sparas.</translation>
    </message>
    <message>
        <source>Stopped. The partial reply above is kept.</source>
        <translation>Stoppat. Det ofullständiga svaret ovan sparas.</translation>
    </message>
    <message>
        <source>The reply reached the max_tokens limit.</source>
        <translation>Svaret nådde gränsen max_tokens.</translation>
    </message>
    <message>
        <source>The reply stopped because the conversation fills the model&apos;s context window. Start a new conversation, branch from an earlier message (edit it), or choose a model with a longer context.</source>
        <translation>Svaret stoppades eftersom konversationen fyller modellens kontextfönster. Starta en ny konversation, skapa en gren från ett tidigare meddelande (redigera det) eller välj en modell med längre kontext.</translation>
    </message>
    <message>
        <source>The model paused its turn again after {n} continuations (a long web search or fetch). Continue lets it go on.</source>
        <translation>Modellen pausade sin tur igen efter {n} fortsättningar (en lång webbsökning eller hämtning). Fortsätt låter den gå vidare.</translation>
    </message>
    <message>
        <source>Category: {category}.</source>
        <translation>Kategori: {category}.</translation>
    </message>
    <message>
        <source>You can retry, or edit your message and send it again.</source>
        <translation>Du kan försöka igen, eller redigera ditt meddelande och skicka det igen.</translation>
    </message>
    <message>
        <source>{n} read</source>
        <translation>{n} lästa</translation>
    </message>
    <message>
        <source>{n} written</source>
        <translation>{n} skrivna</translation>
    </message>
    <message>
        <source>cache {figures}</source>
        <translation>cache {figures}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln search(es)</source>
        <translation>
            <numerusform>%Ln sökning</numerusform>
            <numerusform>%Ln sökningar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln page(s) fetched</source>
        <translation>
            <numerusform>%Ln sida hämtad</numerusform>
            <numerusform>%Ln sidor hämtade</numerusform>
        </translation>
    </message>
    <message>
        <source>stop: {reason}</source>
        <translation>stopp: {reason}</translation>
    </message>
    <message>
        <source>Anthropic</source>
        <translation>Anthropic</translation>
    </message>
    <message>
        <source>Ace Data Cloud</source>
        <translation>Ace Data Cloud</translation>
    </message>
    <message>
        <source>Other Anthropic-compatible server</source>
        <translation>Annan Anthropic-kompatibel server</translation>
    </message>
    <message>
        <source>x-api-key header (as Anthropic)</source>
        <translation>Huvudet x-api-key (som Anthropic)</translation>
    </message>
    <message>
        <source>Authorization: Bearer header</source>
        <translation>Huvudet Authorization: Bearer</translation>
    </message>
    <message>
        <source>Your token is kept in your system keyring, never in a file.</source>
        <translation>Din token förvaras i systemets nyckelring, aldrig i en fil.</translation>
    </message>
    <message>
        <source>There is no usable system keyring: your token is kept for this session only, never in a file.</source>
        <translation>Det finns ingen användbar nyckelring i systemet: din token sparas bara under den här sessionen, aldrig i en fil.</translation>
    </message>
    <message>
        <source>token in the keyring</source>
        <translation>token i nyckelringen</translation>
    </message>
    <message>
        <source>token for this session only</source>
        <translation>token bara för den här sessionen</translation>
    </message>
    <message>
        <source>no token</source>
        <translation>ingen token</translation>
    </message>
    <message>
        <source>Create an API key in the Anthropic Console. Requests go to api.anthropic.com.</source>
        <translation>Skapa en API-nyckel i Anthropic Console. Begäranden går till api.anthropic.com.</translation>
    </message>
    <message>
        <source>Use the API token from your Ace Data Cloud account. Requests go to api.acedata.cloud.</source>
        <translation>Använd API-token från ditt Ace Data Cloud-konto. Begäranden går till api.acedata.cloud.</translation>
    </message>
    <message>
        <source>A gateway or proxy that speaks the Anthropic Messages API at &lt;base URL&gt;/v1/messages.</source>
        <translation>En gateway eller proxy som talar Anthropics Messages API på &lt;bas-URL&gt;/v1/messages.</translation>
    </message>
    <message>
        <source>The provider did not accept this token.</source>
        <translation>Leverantören godtog inte denna token.</translation>
    </message>
    <message>
        <source>This token is not allowed to use the API.</source>
        <translation>Denna token får inte använda API:et.</translation>
    </message>
    <message>
        <source>The account has no credit left.</source>
        <translation>Kontot har ingen kredit kvar.</translation>
    </message>
    <message>
        <source>Nothing answers at this address. Check the base URL.</source>
        <translation>Ingenting svarar på den här adressen. Kontrollera bas-URL:en.</translation>
    </message>
    <message>
        <source>Too many requests right now. Try again in a minute.</source>
        <translation>För många begäranden just nu. Försök igen om en minut.</translation>
    </message>
    <message>
        <source>The provider is overloaded right now. Try again later.</source>
        <translation>Leverantören är överbelastad just nu. Försök igen senare.</translation>
    </message>
    <message>
        <source>The provider reported an internal error.</source>
        <translation>Leverantören rapporterade ett internt fel.</translation>
    </message>
    <message>
        <source>The provider timed out.</source>
        <translation>Tidsgränsen hos leverantören överskreds.</translation>
    </message>
    <message>
        <source>Could not reach the server.</source>
        <translation>Kunde inte nå servern.</translation>
    </message>
    <message>
        <source>The server redirected the request, and Samtal did not follow.</source>
        <translation>Servern omdirigerade begäran, och Samtal följde inte med.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Servern svarade inte i tid.</translation>
    </message>
    <message>
        <source>The connection test failed.</source>
        <translation>Anslutningstestet misslyckades.</translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation>och {count} till</translation>
    </message>
    <message>
        <source>Temperature, top p and top k are sent to the models that take them.</source>
        <translation>Temperatur, top p och top k skickas till de modeller som tar emot dem.</translation>
    </message>
    <message>
        <source>Temperature, top p and top k are refused on every model under this version: the panel greys them out and never sends them. Thinking depth is set with Effort.</source>
        <translation>Temperatur, top p och top k avvisas av alla modeller i den här versionen: panelen gråar ut dem och skickar dem aldrig. Hur djupt modellen tänker ställs in med Ansträngning.</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Samma som systemet</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Ljust</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Mörkt</translation>
    </message>
    <message>
        <source>the query was not valid</source>
        <translation>sökfrågan var inte giltig</translation>
    </message>
    <message>
        <source>the search service is unavailable right now</source>
        <translation>söktjänsten är inte tillgänglig just nu</translation>
    </message>
    <message>
        <source>the reply used up the searches it may make (max uses)</source>
        <translation>svaret har använt upp de sökningar det får göra (max uses)</translation>
    </message>
    <message>
        <source>too many searches at once; try again later</source>
        <translation>för många sökningar samtidigt; försök igen senare</translation>
    </message>
    <message>
        <source>the query was too long</source>
        <translation>sökfrågan var för lång</translation>
    </message>
    <message>
        <source>the request was too large</source>
        <translation>begäran var för stor</translation>
    </message>
    <message>
        <source>the URL was not valid</source>
        <translation>URL:en var inte giltig</translation>
    </message>
    <message>
        <source>the URL was too long</source>
        <translation>URL:en var för lång</translation>
    </message>
    <message>
        <source>the domain is not allowed (allowed or blocked domains)</source>
        <translation>domänen är inte tillåten (tillåtna eller blockerade domäner)</translation>
    </message>
    <message>
        <source>the model may fetch only URLs from the conversation or earlier results</source>
        <translation>modellen får bara hämta URL:er från konversationen eller tidigare resultat</translation>
    </message>
    <message>
        <source>the page could not be reached</source>
        <translation>sidan kunde inte nås</translation>
    </message>
    <message>
        <source>the page is of a kind that can&apos;t be read</source>
        <translation>sidan är av ett slag som inte kan läsas</translation>
    </message>
    <message>
        <source>too many fetches at once; try again later</source>
        <translation>för många hämtningar samtidigt; försök igen senare</translation>
    </message>
    <message>
        <source>the reply used up the fetches it may make (max uses)</source>
        <translation>svaret har använt upp de hämtningar det får göra (max uses)</translation>
    </message>
    <message>
        <source>the fetch service is unavailable right now</source>
        <translation>hämtningstjänsten är inte tillgänglig just nu</translation>
    </message>
    <message>
        <source>Searching the web…</source>
        <translation>Söker på webben…</translation>
    </message>
    <message>
        <source>The search was cut off with the reply</source>
        <translation>Sökningen avbröts med svaret</translation>
    </message>
    <message>
        <source>Searched the web: “{query}”</source>
        <translation>Sökte på webben: ”{query}”</translation>
    </message>
    <message>
        <source>Searched the web</source>
        <translation>Sökte på webben</translation>
    </message>
    <message>
        <source>Fetching a page…</source>
        <translation>Hämtar en sida…</translation>
    </message>
    <message>
        <source>The fetch was cut off with the reply</source>
        <translation>Hämtningen avbröts med svaret</translation>
    </message>
    <message>
        <source>Fetched {url}</source>
        <translation>Hämtade {url}</translation>
    </message>
    <message>
        <source>Fetched a page</source>
        <translation>Hämtade en sida</translation>
    </message>
    <message>
        <source>Used the server tool {name}</source>
        <translation>Använde serververktyget {name}</translation>
    </message>
    <message>
        <source>The search failed: {reason}.</source>
        <translation>Sökningen misslyckades: {reason}.</translation>
    </message>
    <message>
        <source>the search service said {code}</source>
        <translation>söktjänsten svarade {code}</translation>
    </message>
    <message>
        <source>Pages the search found</source>
        <translation>Sidor som sökningen hittade</translation>
    </message>
    <message>
        <source>No pages found</source>
        <translation>Inga sidor hittades</translation>
    </message>
    <message>
        <source>1 result · {domains}</source>
        <translation>1 resultat · {domains}</translation>
    </message>
    <message>
        <source>{n} results · {domains}</source>
        <translation>{n} resultat · {domains}</translation>
    </message>
    <message>
        <source>Hide the pages found</source>
        <translation>Dölj sidorna som hittades</translation>
    </message>
    <message>
        <source>Show the pages found</source>
        <translation>Visa sidorna som hittades</translation>
    </message>
    <message>
        <source>The fetch failed: {reason}.</source>
        <translation>Hämtningen misslyckades: {reason}.</translation>
    </message>
    <message>
        <source>the fetch service said {code}</source>
        <translation>hämtningstjänsten svarade {code}</translation>
    </message>
    <message>
        <source>The page fetched</source>
        <translation>Den hämtade sidan</translation>
    </message>
    <message>
        <source>retrieved {when}</source>
        <translation>hämtad {when}</translation>
    </message>
    <message>
        <source>Com&amp;pare Parameters…</source>
        <translation>&amp;Jämför parametrar…</translation>
    </message>
    <message>
        <source>Send the same message with 2 to 4 parameter sets at once and compare the replies</source>
        <translation>Skicka samma meddelande med 2 till 4 parameteruppsättningar samtidigt och jämför svaren</translation>
    </message>
    <message>
        <source>A list of items</source>
        <translation>En lista med poster</translation>
    </message>
    <message>
        <source>A classification with an enum</source>
        <translation>En klassificering med en enum</translation>
    </message>
    <message>
        <source>An extraction with required fields</source>
        <translation>En extrahering med obligatoriska fält</translation>
    </message>
    <message>
        <source>Fastest and cheapest: short answers, little thinking.</source>
        <translation>Snabbast och billigast: korta svar, lite tänkande.</translation>
    </message>
    <message>
        <source>Less thinking and shorter answers than the default.</source>
        <translation>Mindre tänkande och kortare svar än standard.</translation>
    </message>
    <message>
        <source>The API&apos;s default.</source>
        <translation>API:ets standard.</translation>
    </message>
    <message>
        <source>More thinking than high, for hard problems.</source>
        <translation>Mer tänkande än hög, för svåra problem.</translation>
    </message>
    <message>
        <source>As much thinking as the model can give.</source>
        <translation>Så mycket tänkande som modellen kan ge.</translation>
    </message>
    <message>
        <source>low</source>
        <translation>låg</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>medel</translation>
    </message>
    <message>
        <source>high</source>
        <translation>hög</translation>
    </message>
    <message>
        <source>xhigh</source>
        <translation>extra hög</translation>
    </message>
    <message>
        <source>max</source>
        <translation>max</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Av</translation>
    </message>
    <message>
        <source>Adaptive</source>
        <translation>Adaptivt</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>No extended thinking.</source>
        <translation>Inget utökat tänkande.</translation>
    </message>
    <message>
        <source>The model decides how much to think; Effort steers it.</source>
        <translation>Modellen avgör hur mycket den tänker; Ansträngning styr det.</translation>
    </message>
    <message>
        <source>The model thinks within a budget of tokens.</source>
        <translation>Modellen tänker inom en budget av token.</translation>
    </message>
    <message>
        <source>As the model decides</source>
        <translation>Som modellen avgör</translation>
    </message>
    <message>
        <source>Summarized</source>
        <translation>Sammanfattat</translation>
    </message>
    <message>
        <source>Omitted (withheld)</source>
        <translation>Utelämnat (hålls inne)</translation>
    </message>
    <message>
        <source>No display is asked for: the model&apos;s default.</source>
        <translation>Inget visningssätt begärs: modellens standard.</translation>
    </message>
    <message>
        <source>The reply shows a summary of the thinking.</source>
        <translation>Svaret visar en sammanfattning av tänkandet.</translation>
    </message>
    <message>
        <source>The thinking is withheld; its signature is kept and sent back.</source>
        <translation>Tänkandet hålls inne; dess signatur sparas och skickas tillbaka.</translation>
    </message>
    <message>
        <source>5 minutes</source>
        <translation>5 minuter</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 timme</translation>
    </message>
    <message>
        <source>No automatic caching.</source>
        <translation>Ingen automatisk cachning.</translation>
    </message>
    <message>
        <source>Writing costs 1.25× the input price, reading 0.1×; kept 5 minutes after each use.</source>
        <translation>Skrivning kostar 1,25× inpriset, läsning 0,1×; sparas 5 minuter efter varje användning.</translation>
    </message>
    <message>
        <source>Writing costs 2× the input price, reading 0.1×; kept an hour after each use.</source>
        <translation>Skrivning kostar 2× inpriset, läsning 0,1×; sparas en timme efter varje användning.</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>Standard only</source>
        <translation>Endast standard</translation>
    </message>
    <message>
        <source>Priority capacity when the account has it, else standard (the API&apos;s default).</source>
        <translation>Prioriterad kapacitet när kontot har tillgång till den, annars standard (API:ets standard).</translation>
    </message>
    <message>
        <source>Standard capacity only, never priority.</source>
        <translation>Endast standardkapacitet, aldrig prioriterad.</translation>
    </message>
    <message numerus="yes">
        <source>≈ %Ln input token(s)</source>
        <translation>
            <numerusform>≈ %Ln indatatoken</numerusform>
            <numerusform>≈ %Ln indatatoken</numerusform>
        </translation>
    </message>
    <message>
        <source>≈ {n} in</source>
        <translation>≈ {n} in</translation>
    </message>
    <message>
        <source>The provider&apos;s estimate of the next request: your draft, the conversation so far and the parameters</source>
        <translation>Leverantörens uppskattning av nästa begäran: ditt utkast, konversationen hittills och parametrarna</translation>
    </message>
    <message>
        <source>The provider refuses this request as it stands: “{message}”. Remove attachments or text, or choose a model with a larger context.</source>
        <translation>Leverantören avvisar begäran som den ser ut nu: ”{message}”. Ta bort bilagor eller text, eller välj en modell med större kontext.</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Nästa</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Konversation</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>too long for the model: {n} tokens &gt; {limit}</source>
        <translation>för lång för modellen: {n} token &gt; {limit}</translation>
    </message>
    <message>
        <source>too long: {n} &gt; {limit}</source>
        <translation>för lång: {n} &gt; {limit}</translation>
    </message>
    <message>
        <source>too long for the model</source>
        <translation>för lång för modellen</translation>
    </message>
    <message>
        <source>too long</source>
        <translation>för lång</translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln token</numerusform>
            <numerusform>%Ln token</numerusform>
        </translation>
    </message>
    <message>
        <source>warm for {time}</source>
        <translation>varm i {time}</translation>
    </message>
    <message>
        <source>The prompt cache of this conversation stays warm for 5 minutes after the last request that wrote or read it (at {time}). A request sent before then reads the cached start of the conversation at a fraction of the input price, and keeps the cache warm.</source>
        <translation>Konversationens promptcache hålls varm i 5 minuter efter den senaste begäran som skrev eller läste den (kl. {time}). En begäran som skickas innan dess läser konversationens cachade början till en bråkdel av inpriset och håller cachen varm.</translation>
    </message>
    <message>
        <source>The prompt cache of this conversation stays warm for an hour after the last request that wrote or read it (at {time}). A request sent before then reads the cached start of the conversation at a fraction of the input price, and keeps the cache warm.</source>
        <translation>Konversationens promptcache hålls varm i en timme efter den senaste begäran som skrev eller läste den (kl. {time}). En begäran som skickas innan dess läser konversationens cachade början till en bråkdel av inpriset och håller cachen varm.</translation>
    </message>
    <message>
        <source>Every reply of this conversation, all branches ({n}):</source>
        <translation>Alla svar i den här konversationen, alla grenar ({n}):</translation>
    </message>
    <message numerus="yes">
        <source>Input: %Ln token(s) ({r} read from the cache, {w} written to it)</source>
        <translation>
            <numerusform>Indata: %Ln token ({r} lästa från cachen, {w} skrivna till den)</numerusform>
            <numerusform>Indata: %Ln token ({r} lästa från cachen, {w} skrivna till den)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Output: %Ln token(s)</source>
        <translation>
            <numerusform>Utdata: %Ln token</numerusform>
            <numerusform>Utdata: %Ln token</numerusform>
        </translation>
    </message>
    <message>
        <source>Cost: {usd}</source>
        <translation>Kostnad: {usd}</translation>
    </message>
    <message>
        <source>Saved by the prompt cache: {usd}</source>
        <translation>Sparat av promptcachen: {usd}</translation>
    </message>
    <message>
        <source>Added by cache writes: {usd}</source>
        <translation>Tillagt av cacheskrivningar: {usd}</translation>
    </message>
    <message>
        <source>{n} of the costs reported by the provider</source>
        <translation>{n} av kostnaderna rapporterade av leverantören</translation>
    </message>
    <message numerus="yes">
        <source>%Ln replies of models without a price (Edit ▸ Prices…)</source>
        <translation>
            <numerusform>%Ln svar från en modell utan pris (Redigera ▸ Priser…)</numerusform>
            <numerusform>%Ln svar från modeller utan pris (Redigera ▸ Priser…)</numerusform>
        </translation>
    </message>
    <message>
        <source>Explain something</source>
        <translation>Förklara något</translation>
    </message>
    <message>
        <source>Explain how public-key cryptography works, in simple terms.</source>
        <translation>Förklara hur kryptering med publika nycklar fungerar, med enkla ord.</translation>
    </message>
    <message>
        <source>Write code</source>
        <translation>Skriv kod</translation>
    </message>
    <message>
        <source>Write a Python function that removes duplicate lines from a text file.</source>
        <translation>Skriv en Python-funktion som tar bort dubblerade rader ur en textfil.</translation>
    </message>
    <message>
        <source>Improve a text</source>
        <translation>Förbättra en text</translation>
    </message>
    <message>
        <source>Give me three tips for writing clearer emails, each with an example.</source>
        <translation>Ge mig tre tips för att skriva tydligare mejl, vart och ett med ett exempel.</translation>
    </message>
    <message>
        <source>Plan something</source>
        <translation>Planera något</translation>
    </message>
    <message>
        <source>Plan a relaxed three-day trip to Stockholm in spring.</source>
        <translation>Planera en lugn tredagarsresa till Stockholm på våren.</translation>
    </message>
    <message>
        <source>Tables and code</source>
        <translation>Tabeller och kod</translation>
    </message>
    <message>
        <source>Formulas</source>
        <translation>Formler</translation>
    </message>
    <message>
        <source>A long answer, streamed</source>
        <translation>Ett långt svar, strömmat</translation>
    </message>
    <message>
        <source>How a refusal looks</source>
        <translation>Hur en vägran ser ut</translation>
    </message>
    <message>
        <source>{first} or {last}</source>
        <translation>{first} eller {last}</translation>
    </message>
    <message>
        <source>Claude Opus 4.7 and later and the Claude 5 models set their own sampling; use Effort</source>
        <translation>Claude Opus 4.7 och senare och Claude 5-modellerna bestämmer sin sampling själva; använd Ansträngning</translation>
    </message>
    <message>
        <source>API version {version} takes no temperature, top_p or top_k on any model; choose 2023-06-01 in the profile to send them</source>
        <translation>API-version {version} tar inte emot temperature, top_p eller top_k för någon modell; välj 2023-06-01 i profilen för att skicka dem</translation>
    </message>
    <message>
        <source>{model} takes temperature or top_p, not both</source>
        <translation>{model} tar emot temperature eller top_p, inte båda</translation>
    </message>
    <message>
        <source>{model} has no extended thinking</source>
        <translation>{model} har inget utökat tänkande</translation>
    </message>
    <message>
        <source>{model} always thinks; it can&apos;t be turned off</source>
        <translation>{model} tänker alltid; det går inte att stänga av</translation>
    </message>
    <message>
        <source>{model} thinks adaptively, without a budget; use Effort for its depth</source>
        <translation>{model} tänker adaptivt, utan budget; styr djupet med Ansträngning</translation>
    </message>
    <message>
        <source>{model} thinks with a budget only</source>
        <translation>{model} tänker bara med en budget</translation>
    </message>
    <message>
        <source>{model} has no Effort setting</source>
        <translation>{model} har ingen inställning för Ansträngning</translation>
    </message>
    <message>
        <source>{model} takes effort {levels}</source>
        <translation>{model} tar emot ansträngning {levels}</translation>
    </message>
    <message>
        <source>{model} has no structured outputs</source>
        <translation>{model} har ingen strukturerad utdata</translation>
    </message>
    <message>
        <source>{model} can&apos;t search the web</source>
        <translation>{model} kan inte söka på webben</translation>
    </message>
    <message>
        <source>{model} can&apos;t fetch web pages</source>
        <translation>{model} kan inte hämta webbsidor</translation>
    </message>
    <message>
        <source>{model} gives no citations</source>
        <translation>{model} ger inga källhänvisningar</translation>
    </message>
    <message>
        <source>{model} reads no images</source>
        <translation>{model} läser inte bilder</translation>
    </message>
    <message>
        <source>{model} reads no PDFs</source>
        <translation>{model} läser inte PDF-filer</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Extended thinking</source>
        <translation>Utökat tänkande</translation>
    </message>
    <message>
        <source>Effort</source>
        <translation>Ansträngning</translation>
    </message>
    <message>
        <source>The output schema</source>
        <translation>Utdataschemat</translation>
    </message>
    <message>
        <source>Web search</source>
        <translation>Webbsökning</translation>
    </message>
    <message>
        <source>Web fetch</source>
        <translation>Webbhämtning</translation>
    </message>
    <message>
        <source>web search</source>
        <translation>webbsökning</translation>
    </message>
    <message>
        <source>web fetch</source>
        <translation>webbhämtning</translation>
    </message>
    <message>
        <source>number {number}</source>
        <translation>nummer {number}</translation>
    </message>
    <message>
        <source>{model} was retired: the API no longer answers it.</source>
        <translation>{model} har tagits ur bruk: API:et svarar inte längre på den.</translation>
    </message>
    <message>
        <source>{model} was retired on {date}: the API no longer answers it.</source>
        <translation>{model} togs ur bruk {date}: API:et svarar inte längre på den.</translation>
    </message>
    <message>
        <source>{model} is deprecated and retires soon.</source>
        <translation>{model} är utfasad och tas snart ur bruk.</translation>
    </message>
    <message>
        <source>{model} is deprecated and retires on {date}.</source>
        <translation>{model} är utfasad och tas ur bruk {date}.</translation>
    </message>
    <message>
        <source>Use {successor} instead.</source>
        <translation>Använd {successor} i stället.</translation>
    </message>
    <message>
        <source>A reply can&apos;t be continued while extended thinking is on: turn thinking off.</source>
        <translation>Ett svar kan inte fortsättas medan utökat tänkande är på: stäng av tänkandet.</translation>
    </message>
    <message>
        <source>{label} isn&apos;t sent: {rule}.</source>
        <translation>{label} skickas inte: {rule}.</translation>
    </message>
    <message>
        <source>Thinking is sent as adaptive: {rule}.</source>
        <translation>Tänkandet skickas som adaptivt: {rule}.</translation>
    </message>
    <message>
        <source>Web fetch is sent without citations: {rule}.</source>
        <translation>Webbhämtning skickas utan källhänvisningar: {rule}.</translation>
    </message>
    <message>
        <source>Choose a model: the request needs one.</source>
        <translation>Välj en modell: begäran behöver en.</translation>
    </message>
    <message>
        <source>Set max_tokens: the request needs it.</source>
        <translation>Ange max_tokens: begäran behöver det.</translation>
    </message>
    <message>
        <source>max_tokens must be a whole number of at least 1.</source>
        <translation>max_tokens måste vara ett heltal, minst 1.</translation>
    </message>
    <message>
        <source>{model} writes at most {limit} tokens: lower max_tokens.</source>
        <translation>{model} skriver högst {limit} token: sänk max_tokens.</translation>
    </message>
    <message>
        <source>{label} must be a number from 0 to 1.</source>
        <translation>{label} måste vara ett tal från 0 till 1.</translation>
    </message>
    <message>
        <source>top_k must be a whole number of at least 1.</source>
        <translation>top_k måste vara ett heltal, minst 1.</translation>
    </message>
    <message>
        <source>The system prompt must be text.</source>
        <translation>Systemprompten måste vara text.</translation>
    </message>
    <message>
        <source>Stop sequences must be a list of text.</source>
        <translation>Stoppsekvenserna måste vara en lista med text.</translation>
    </message>
    <message>
        <source>Stop sequence {number} is not text: remove it or write one.</source>
        <translation>Stoppsekvens {number} är inte text: ta bort den eller skriv en.</translation>
    </message>
    <message>
        <source>Stop sequence {number} is empty: remove it or write one.</source>
        <translation>Stoppsekvens {number} är tom: ta bort den eller skriv en.</translation>
    </message>
    <message>
        <source>Stop sequence {number} is only whitespace: remove it or write one.</source>
        <translation>Stoppsekvens {number} är bara blanktecken: ta bort den eller skriv en.</translation>
    </message>
    <message>
        <source>metadata.user_id must be text.</source>
        <translation>metadata.user_id måste vara text.</translation>
    </message>
    <message>
        <source>metadata.user_id looks like an e-mail address: send an opaque id such as a hash, not personal data.</source>
        <translation>metadata.user_id ser ut som en e-postadress: skicka ett ogenomskinligt id, till exempel en hash, inte personuppgifter.</translation>
    </message>
    <message>
        <source>metadata.user_id looks like a phone number: send an opaque id such as a hash, not personal data.</source>
        <translation>metadata.user_id ser ut som ett telefonnummer: skicka ett ogenomskinligt id, till exempel en hash, inte personuppgifter.</translation>
    </message>
    <message>
        <source>{label} options must be a JSON object.</source>
        <translation>Alternativen för {label} måste vara ett JSON-objekt.</translation>
    </message>
    <message>
        <source>{label} takes no option {option}.</source>
        <translation>{label} har inget alternativ {option}.</translation>
    </message>
    <message>
        <source>The most uses of {label} must be a whole number of at least 1.</source>
        <translation>Högsta antalet användningar av {label} måste vara ett heltal, minst 1.</translation>
    </message>
    <message>
        <source>{label} takes allowed domains or blocked domains, not both.</source>
        <translation>{label} tar emot tillåtna eller blockerade domäner, inte båda.</translation>
    </message>
    <message>
        <source>The allowed domains of {label} must be a list of domain names.</source>
        <translation>De tillåtna domänerna för {label} måste vara en lista med domännamn.</translation>
    </message>
    <message>
        <source>The blocked domains of {label} must be a list of domain names.</source>
        <translation>De blockerade domänerna för {label} måste vara en lista med domännamn.</translation>
    </message>
    <message>
        <source>{label} takes domain names such as example.com, not addresses like {url}.</source>
        <translation>{label} tar emot domännamn som example.com, inte adresser som {url}.</translation>
    </message>
    <message>
        <source>Citations of web fetch must be true or false.</source>
        <translation>Källhänvisningar för webbhämtning måste vara true eller false.</translation>
    </message>
    <message>
        <source>The tools must be a list of tool definitions.</source>
        <translation>Verktygen måste vara en lista med verktygsdefinitioner.</translation>
    </message>
    <message>
        <source>Tool {number} must be a JSON object.</source>
        <translation>Verktyg {number} måste vara ett JSON-objekt.</translation>
    </message>
    <message>
        <source>Tool {number} needs a name.</source>
        <translation>Verktyg {number} behöver ett namn.</translation>
    </message>
    <message>
        <source>Two tools are named {name}: tool names must be unique.</source>
        <translation>Två verktyg heter {name}: verktygsnamn måste vara unika.</translation>
    </message>
    <message>
        <source>The type of the tool {tool} must be text, such as web_search_20250305.</source>
        <translation>Typen för verktyget {tool} måste vara text, till exempel web_search_20250305.</translation>
    </message>
    <message>
        <source>The tool name {tool} may only use letters, digits, _ and - (at most 128 of them).</source>
        <translation>Verktygsnamnet {tool} får bara innehålla bokstäver, siffror, _ och - (högst 128 tecken).</translation>
    </message>
    <message>
        <source>The tool {tool} needs an input_schema: {schema}.</source>
        <translation>Verktyget {tool} behöver ett input_schema: {schema}.</translation>
    </message>
    <message>
        <source>The tool {tool} has an input_schema that is not an object schema: {schema}.</source>
        <translation>Verktyget {tool} har ett input_schema som inte är ett objektschema: {schema}.</translation>
    </message>
    <message>
        <source>The description of the tool {tool} must be text.</source>
        <translation>Beskrivningen av verktyget {tool} måste vara text.</translation>
    </message>
    <message>
        <source>The &quot;strict&quot; of the tool {tool} must be true or false.</source>
        <translation>&quot;strict&quot; för verktyget {tool} måste vara true eller false.</translation>
    </message>
    <message>
        <source>Two tools are named &quot;{name}&quot;: turn {label} off, or remove that tool from the tools.</source>
        <translation>Två verktyg heter &quot;{name}&quot;: stäng av {label} eller ta bort det verktyget från verktygen.</translation>
    </message>
    <message>
        <source>tool_choice must be auto, any, tool or none.</source>
        <translation>tool_choice måste vara auto, any, tool eller none.</translation>
    </message>
    <message>
        <source>disable_parallel_tool_use must be true or false.</source>
        <translation>disable_parallel_tool_use måste vara true eller false.</translation>
    </message>
    <message>
        <source>tool_choice &quot;{kind}&quot; needs at least one tool.</source>
        <translation>tool_choice &quot;{kind}&quot; behöver minst ett verktyg.</translation>
    </message>
    <message>
        <source>tool_choice names the tool {name}, which is not among the tools.</source>
        <translation>tool_choice anger verktyget {name}, som inte finns bland verktygen.</translation>
    </message>
    <message>
        <source>tool_choice &quot;tool&quot; needs the name of one of the tools.</source>
        <translation>tool_choice &quot;tool&quot; behöver namnet på ett av verktygen.</translation>
    </message>
    <message>
        <source>Extended thinking must be enabled with a budget, adaptive or disabled.</source>
        <translation>Utökat tänkande måste vara på med en budget, adaptivt eller avstängt.</translation>
    </message>
    <message>
        <source>The thinking display must be summarized or omitted.</source>
        <translation>Visningen av tänkandet måste vara summarized eller omitted.</translation>
    </message>
    <message>
        <source>The thinking budget must be a whole number of at least {minimum} tokens.</source>
        <translation>Tankebudgeten måste vara ett heltal, minst {minimum} token.</translation>
    </message>
    <message>
        <source>The thinking budget must be less than max_tokens ({max_tokens}).</source>
        <translation>Tankebudgeten måste vara mindre än max_tokens ({max_tokens}).</translation>
    </message>
    <message>
        <source>{label} isn&apos;t sent while extended thinking is on.</source>
        <translation>{label} skickas inte medan utökat tänkande är på.</translation>
    </message>
    <message>
        <source>While extended thinking is on, top_p is at least {minimum}: it is sent as {minimum}.</source>
        <translation>Medan utökat tänkande är på är top_p minst {minimum}: det skickas som {minimum}.</translation>
    </message>
    <message>
        <source>Extended thinking can&apos;t be used while tool_choice forces a tool: choose auto or none, or turn thinking off.</source>
        <translation>Utökat tänkande kan inte användas medan tool_choice tvingar fram ett verktyg: välj auto eller none, eller stäng av tänkandet.</translation>
    </message>
    <message>
        <source>Effort must be low, medium, high, xhigh or max.</source>
        <translation>Ansträngning måste vara low, medium, high, xhigh eller max.</translation>
    </message>
    <message>
        <source>The output schema must be a JSON object: {schema}.</source>
        <translation>Utdataschemat måste vara ett JSON-objekt: {schema}.</translation>
    </message>
    <message>
        <source>The output schema must describe an object: &quot;type&quot;: &quot;object&quot;, with its &quot;properties&quot;.</source>
        <translation>Utdataschemat måste beskriva ett objekt: &quot;type&quot;: &quot;object&quot;, med sina &quot;properties&quot;.</translation>
    </message>
    <message>
        <source>The &quot;properties&quot; of the output schema must map each name to a schema.</source>
        <translation>Utdataschemats &quot;properties&quot; måste koppla varje namn till ett schema.</translation>
    </message>
    <message>
        <source>The &quot;required&quot; of the output schema must be a list of property names.</source>
        <translation>Utdataschemats &quot;required&quot; måste vara en lista med egenskapsnamn.</translation>
    </message>
    <message>
        <source>The output schema requires {name}, which is not among its properties.</source>
        <translation>Utdataschemat kräver {name}, som inte finns bland dess egenskaper.</translation>
    </message>
    <message>
        <source>Prompt caching must be 5m or 1h.</source>
        <translation>Promptcachning måste vara 5m eller 1h.</translation>
    </message>
    <message>
        <source>The service tier must be auto or standard_only.</source>
        <translation>Tjänstenivån måste vara auto eller standard_only.</translation>
    </message>
    <message>
        <source>stream must be true or false.</source>
        <translation>stream måste vara true eller false.</translation>
    </message>
    <message>
        <source>Non-streaming requests are limited to {limit} max_tokens (the API refuses longer ones); turn streaming on or lower max_tokens.</source>
        <translation>Begäranden utan strömning är begränsade till {limit} max_tokens (API:et avvisar längre); slå på strömning eller sänk max_tokens.</translation>
    </message>
    <message>
        <source>This model refuses temperature and top_p together: only {kept} is sent.</source>
        <translation>Den här modellen avvisar temperature och top_p tillsammans: bara {kept} skickas.</translation>
    </message>
</context>
<context>
    <name>AttachmentChip</name>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Show the image full size</source>
        <translation>Visa bilden i full storlek</translation>
    </message>
    <message>
        <source>Show {name} full size</source>
        <translation>Visa {name} i full storlek</translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation>Ta bort {name}</translation>
    </message>
    <message>
        <source>Space shows the image full size.</source>
        <translation>Mellanslag visar bilden i full storlek.</translation>
    </message>
    <message>
        <source>Delete removes it.</source>
        <translation>Delete tar bort den.</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Länk</translation>
    </message>
    <message>
        <source>{name} · {width}×{height}</source>
        <translation>{name} · {width}×{height}</translation>
    </message>
</context>
<context>
    <name>AttachmentFlow</name>
    <message>
        <source>Attach Files</source>
        <translation>Bifoga filer</translation>
    </message>
    <message>
        <source>Supported files ({patterns})</source>
        <translation>Filer som stöds ({patterns})</translation>
    </message>
    <message>
        <source>Images ({patterns})</source>
        <translation>Bilder ({patterns})</translation>
    </message>
    <message>
        <source>PDF documents ({patterns})</source>
        <translation>PDF-dokument ({patterns})</translation>
    </message>
    <message>
        <source>Text files ({patterns})</source>
        <translation>Textfiler ({patterns})</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Alla filer (*)</translation>
    </message>
    <message>
        <source>Could not attach: {error}</source>
        <translation>Kunde inte bifoga: {error}</translation>
    </message>
    <message>
        <source>{name} was not attached: the message would be over {limit}.</source>
        <translation>{name} bifogades inte: meddelandet skulle bli större än {limit}.</translation>
    </message>
    <message>
        <source>{name} is already attached.</source>
        <translation>{name} är redan bifogad.</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>The data folder {folder} is read-only: you can read and search your conversations, but nothing can be sent or saved.</source>
        <translation>Datamappen {folder} är skrivskyddad: du kan läsa och söka i dina konversationer, men inget kan skickas eller sparas.</translation>
    </message>
    <message>
        <source>Set {n}: </source>
        <translation>Uppsättning {n}: </translation>
    </message>
    <message>
        <source>A tool call was cut off before its input was complete, so it can&apos;t be answered: regenerate.</source>
        <translation>Ett verktygsanrop avbröts innan dess indata var kompletta, så det kan inte besvaras: generera om.</translation>
    </message>
    <message>
        <source>Answer every tool call first: {names}.</source>
        <translation>Besvara alla verktygsanrop först: {names}.</translation>
    </message>
    <message>
        <source>No provider is set up yet: add a token in Settings or try the demo.</source>
        <translation>Ingen leverantör är inställd än: lägg till en token i Inställningar eller prova demon.</translation>
    </message>
    <message>
        <source>A reply is still streaming in this conversation: stop it first.</source>
        <translation>Ett svar strömmar fortfarande i den här konversationen: stoppa det först.</translation>
    </message>
</context>
<context>
    <name>ChoiceBox</name>
    <message>
        <source>{name}: {value}</source>
        <translation>{name}: {value}</translation>
    </message>
</context>
<context>
    <name>CollapsibleSection</name>
    <message>
        <source>expanded</source>
        <translation>expanderad</translation>
    </message>
    <message>
        <source>collapsed</source>
        <translation>komprimerad</translation>
    </message>
</context>
<context>
    <name>CompareColumn</name>
    <message>
        <source>Remove this parameter set</source>
        <translation>Ta bort den här parameteruppsättningen</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parametrar</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppa</translation>
    </message>
    <message>
        <source>Stop this reply; what arrived is kept</source>
        <translation>Stoppa svaret; det som hunnit komma sparas</translation>
    </message>
    <message>
        <source>Keep This</source>
        <translation>Behåll detta</translation>
    </message>
    <message>
        <source>Keep this reply in the conversation and discard the others; the conversation goes on with this set&apos;s parameters</source>
        <translation>Behåll detta svar i konversationen och kasta de andra; konversationen fortsätter med den här uppsättningens parametrar</translation>
    </message>
    <message>
        <source>Keep every reply as a branch of the conversation and show this one; the conversation goes on with this set&apos;s parameters</source>
        <translation>Behåll alla svar som grenar av konversationen och visa detta; konversationen fortsätter med den här uppsättningens parametrar</translation>
    </message>
    <message>
        <source>no reply</source>
        <translation>inget svar</translation>
    </message>
    <message>
        <source>{set} ({summary}): {reply}</source>
        <translation>{set} ({summary}): {reply}</translation>
    </message>
    <message>
        <source>Keep All, Show This</source>
        <translation>Behåll alla, visa detta</translation>
    </message>
    <message>
        <source>The reply appears here.</source>
        <translation>Svaret visas här.</translation>
    </message>
    <message>
        <source>Set {n}</source>
        <translation>Uppsättning {n}</translation>
    </message>
    <message>
        <source>Set {n} parameters</source>
        <translation>Uppsättning {n}, parametrar</translation>
    </message>
    <message>
        <source>Set {n} reply</source>
        <translation>Uppsättning {n}, svar</translation>
    </message>
    <message>
        <source>Waiting for the first words…</source>
        <translation>Väntar på de första orden…</translation>
    </message>
</context>
<context>
    <name>CompareFeature</name>
    <message>
        <source>Keep Which Replies?</source>
        <translation>Vilka svar ska behållas?</translation>
    </message>
    <message>
        <source>The replies ticked stay in the conversation as branches (the first is shown); the others are deleted. With none ticked, nothing of this compare is kept. The conversation&apos;s parameters stay as they were.</source>
        <translation>De markerade svaren stannar i konversationen som grenar (det första visas); de andra tas bort. Markeras inget behålls ingenting av jämförelsen. Konversationens parametrar förblir som de var.</translation>
    </message>
</context>
<context>
    <name>CompareRun</name>
    <message>
        <source>The compare could not be started.</source>
        <translation>Jämförelsen kunde inte startas.</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <source>Compare Parameters — Samtal</source>
        <translation>Jämför parametrar — Samtal</translation>
    </message>
    <message>
        <source>The message to send with every parameter set</source>
        <translation>Meddelandet som skickas med varje parameteruppsättning</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>Add Set</source>
        <translation>Lägg till uppsättning</translation>
    </message>
    <message>
        <source>Compare one more parameter set (at most {n})</source>
        <translation>Jämför ytterligare en parameteruppsättning (högst {n})</translation>
    </message>
    <message>
        <source>Stop All</source>
        <translation>Stoppa alla</translation>
    </message>
    <message>
        <source>Stop every reply (Esc); what arrived is kept</source>
        <translation>Stoppa alla svar (Esc); det som hunnit komma sparas</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Kör</translation>
    </message>
    <message>
        <source>Send the prompt with every parameter set at once (Ctrl+Enter)</source>
        <translation>Skicka prompten med alla parameteruppsättningar samtidigt (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Write the message to send first.</source>
        <translation>Skriv först meddelandet som ska skickas.</translation>
    </message>
    <message>
        <source>Set {n}: {problem}</source>
        <translation>Uppsättning {n}: {problem}</translation>
    </message>
    <message>
        <source>Run Again</source>
        <translation>Kör igen</translation>
    </message>
    <message>
        <source>Send the prompt as it is now with the same parameter sets; new replies replace these (Ctrl+Enter)</source>
        <translation>Skicka meddelandet som det är nu med samma parameteruppsättningar; nya svar ersätter dessa (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Keep This keeps one reply and goes on with its set&apos;s parameters. Edit the prompt to run it again; closing asks which replies to keep.</source>
        <translation>Behåll detta behåller ett svar och fortsätter med dess uppsättnings parametrar. Redigera meddelandet för att köra det igen; när fönstret stängs får du välja vilka svar som ska behållas.</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Message</source>
        <translation>Meddelande</translation>
    </message>
    <message>
        <source>Attach images, PDFs or text files (or drop or paste them here)</source>
        <translation>Bifoga bilder, PDF-filer eller textfiler (eller släpp eller klistra in dem här)</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Bifoga filer</translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation>Stäng meddelandet</translation>
    </message>
    <message>
        <source>Message Claude…  (Ctrl+Enter to send, Enter for a new line)</source>
        <translation>Skriv till Claude…  (Ctrl+Enter skickar, Enter ger ny rad)</translation>
    </message>
    <message>
        <source>Message Claude…  (Enter to send, Shift+Enter for a new line)</source>
        <translation>Skriv till Claude…  (Enter skickar, Skift+Enter ger ny rad)</translation>
    </message>
    <message>
        <source>Attaching…</source>
        <translation>Bifogar…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppa</translation>
    </message>
    <message>
        <source>Stop the reply (Esc); the partial reply is kept</source>
        <translation>Stoppa svaret (Esc); det ofullständiga svaret sparas</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Skicka</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Skicka meddelandet</translation>
    </message>
    <message>
        <source>Wait until the files are attached</source>
        <translation>Vänta tills filerna är bifogade</translation>
    </message>
    <message>
        <source>Write a message or attach a file to send it</source>
        <translation>Skriv ett meddelande eller bifoga en fil för att skicka</translation>
    </message>
</context>
<context>
    <name>ComposerEdit</name>
    <message>
        <source>Message Claude…  (Enter to send, Shift+Enter for a new line)</source>
        <translation>Skriv till Claude…  (Enter skickar, Skift+Enter ger ny rad)</translation>
    </message>
    <message>
        <source>Writing a message</source>
        <translation>Skriva ett meddelande</translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation>Skicka meddelandet</translation>
    </message>
    <message>
        <source>New line in the message</source>
        <translation>Ny rad i meddelandet</translation>
    </message>
</context>
<context>
    <name>ConnectionManager</name>
    <message>
        <source>Not connected</source>
        <translation>Inte ansluten</translation>
    </message>
    <message>
        <source>Demo server</source>
        <translation>Demoserver</translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>Conversation title</source>
        <translation>Konversationens titel</translation>
    </message>
</context>
<context>
    <name>ConversationLibrary</name>
    <message>
        <source>Rename</source>
        <translation>Byt namn</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <source>Archived the conversation</source>
        <translation>Arkiverade konversationen</translation>
    </message>
    <message>
        <source>Archived {n} conversations</source>
        <translation>Arkiverade {n} konversationer</translation>
    </message>
    <message>
        <source>Moved the conversation to the trash</source>
        <translation>Flyttade konversationen till papperskorgen</translation>
    </message>
    <message>
        <source>Moved {n} conversations to the trash</source>
        <translation>Flyttade {n} konversationer till papperskorgen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln conversation(s) permanently? This can&apos;t be undone.</source>
        <translation>
            <numerusform>Ta bort %Ln konversation permanent? Det går inte att ångra.</numerusform>
            <numerusform>Ta bort %Ln konversationer permanent? Det går inte att ångra.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete permanently</source>
        <translation>Ta bort permanent</translation>
    </message>
    <message>
        <source>{n} conversations</source>
        <translation>{n} konversationer</translation>
    </message>
    <message>
        <source>Import conversations</source>
        <translation>Importera konversationer</translation>
    </message>
    <message>
        <source>claude.ai export or Samtal JSON (*.zip *.json);;All files (*)</source>
        <translation>Export från claude.ai eller Samtal-JSON (*.zip *.json);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Importen misslyckades</translation>
    </message>
    <message>
        <source>Imported from {name}: {summary}</source>
        <translation>Importerat från {name}: {summary}</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Importen är klar</translation>
    </message>
    <message>
        <source>Import finished with errors</source>
        <translation>Importen är klar, med fel</translation>
    </message>
    <message>
        <source>
… and {n} more</source>
        <translation>
… och {n} till</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportera</translation>
    </message>
    <message>
        <source>Markdown (*.md);;JSON, lossless (*.json)</source>
        <translation>Markdown (*.md);;JSON, förlustfritt (*.json)</translation>
    </message>
    <message>
        <source>Can&apos;t write {path}: {reason}</source>
        <translation>Kan inte skriva {path}: {reason}</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Exporten misslyckades</translation>
    </message>
    <message>
        <source>Exported to {p}</source>
        <translation>Exporterat till {p}</translation>
    </message>
</context>
<context>
    <name>ConversationView</name>
    <message>
        <source>Set up a provider (or try the demo) to start a conversation.</source>
        <translation>Ställ in en leverantör (eller prova demon) för att starta en konversation.</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Ny konversation</translation>
    </message>
    <message>
        <source>{problem} Remove {name} ({size}) or another attachment, or start a new conversation.</source>
        <translation>{problem} Ta bort {name} ({size}) eller en annan bilaga, eller starta en ny konversation.</translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation>Strömmar…</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Inte ansluten</translation>
    </message>
    <message>
        <source>Set up a provider to start</source>
        <translation>Ställ in en leverantör för att börja</translation>
    </message>
    <message>
        <source>Copied the last reply</source>
        <translation>Kopierade det senaste svaret</translation>
    </message>
    <message>
        <source>From the environment ({variable}), which comes before the active profile. To use a profile instead for this session, make it active in Settings.</source>
        <translation>Från miljön ({variable}), som går före den aktiva profilen. Gör en profil aktiv i Inställningar för att använda den i stället under den här sessionen.</translation>
    </message>
    <message>
        <source>The demo server on this computer: nothing leaves it.</source>
        <translation>Demoservern på den här datorn: inget lämnar den.</translation>
    </message>
    <message>
        <source>The profile “{name}”, chosen in Settings.</source>
        <translation>Profilen ”{name}”, vald i Inställningar.</translation>
    </message>
    <message>
        <source>API version {version}.</source>
        <translation>API-version {version}.</translation>
    </message>
</context>
<context>
    <name>Greeting</name>
    <message>
        <source>What can I help you with?</source>
        <translation>Vad kan jag hjälpa dig med?</translation>
    </message>
    <message>
        <source>Write a message below, or start with one of these:</source>
        <translation>Skriv ett meddelande nedan, eller börja med något av dessa:</translation>
    </message>
    <message>
        <source>Send: {prompt}</source>
        <translation>Skicka: {prompt}</translation>
    </message>
    <message>
        <source>Sends: {prompt}</source>
        <translation>Skickar: {prompt}</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Click to switch between the fitted and the actual size</source>
        <translation>Klicka för att växla mellan anpassad och faktisk storlek</translation>
    </message>
</context>
<context>
    <name>InlineEditor</name>
    <message>
        <source>Edited message</source>
        <translation>Redigerat meddelande</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Keep the message as it was (Esc)</source>
        <translation>Behåll meddelandet som det var (Esc)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Skicka</translation>
    </message>
    <message>
        <source>Send the edited message as a new branch (Enter)</source>
        <translation>Skicka det redigerade meddelandet som en ny gren (Enter)</translation>
    </message>
</context>
<context>
    <name>InspectorDialog</name>
    <message>
        <source>Request Inspector</source>
        <translation>Granska begäran</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Stop reason</source>
        <translation>Stoppskäl</translation>
    </message>
    <message>
        <source>Request id</source>
        <translation>Begärans id</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kostnad</translation>
    </message>
    <message>
        <source>Timings</source>
        <translation>Tider</translation>
    </message>
    <message>
        <source>Message id</source>
        <translation>Meddelandets id</translation>
    </message>
    <message>
        <source>Sent with</source>
        <translation>Skickades med</translation>
    </message>
    <message>
        <source>No request was recorded for this message: it was imported (an export from claude.ai keeps the conversation, not the requests). What is known about it is shown above.</source>
        <translation>Ingen begäran registrerades för det här meddelandet: det importerades (en export från claude.ai behåller konversationen, inte begärandena). Det som är känt om det visas ovan.</translation>
    </message>
    <message>
        <source>Request body</source>
        <translation>Begärans innehåll</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Huvud</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Värde</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Betydelse</translation>
    </message>
    <message>
        <source>cURL command</source>
        <translation>cURL-kommando</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Begäran</translation>
    </message>
    <message>
        <source>Response headers</source>
        <translation>Svarshuvuden</translation>
    </message>
    <message>
        <source>cURL</source>
        <translation>cURL</translation>
    </message>
    <message>
        <source>Copy JSON</source>
        <translation>Kopiera JSON</translation>
    </message>
    <message>
        <source>Copy the request body</source>
        <translation>Kopiera begärans innehåll</translation>
    </message>
    <message>
        <source>Copy as cURL</source>
        <translation>Kopiera som cURL</translation>
    </message>
    <message>
        <source>Copy a curl command that sends this request; it reads the token from an environment variable</source>
        <translation>Kopiera ett curl-kommando som skickar den här begäran; det läser token från en miljövariabel</translation>
    </message>
    <message>
        <source>Include attachment data</source>
        <translation>Ta med bilagornas data</translation>
    </message>
    <message>
        <source>Copy the attachments in full (a runnable request) rather than abbreviated</source>
        <translation>Kopiera bilagorna i sin helhet (en körbar begäran) i stället för förkortade</translation>
    </message>
    <message>
        <source>Request Inspector — reply {id}</source>
        <translation>Granska begäran — svar {id}</translation>
    </message>
    <message>
        <source>Copied the request</source>
        <translation>Kopierade begäran</translation>
    </message>
    <message>
        <source>Copied: set ${name} before running it</source>
        <translation>Kopierat: sätt ${name} innan du kör det</translation>
    </message>
    <message>
        <source>{model} (asked for {asked})</source>
        <translation>{model} (begärde {asked})</translation>
    </message>
    <message>
        <source>(stop sequence {s})</source>
        <translation>(stoppsekvens {s})</translation>
    </message>
    <message>
        <source>({reason})</source>
        <translation>({reason})</translation>
    </message>
    <message>
        <source>{i} input · {o} output · cache: {r} read, {w} written</source>
        <translation>{i} in · {o} ut · cache: {r} lästa, {w} skrivna</translation>
    </message>
    <message>
        <source>{n} for 5 minutes</source>
        <translation>{n} för 5 minuter</translation>
    </message>
    <message>
        <source>{n} for 1 hour</source>
        <translation>{n} för 1 timme</translation>
    </message>
    <message numerus="yes">
        <source>%Ln web search(es)</source>
        <translation>
            <numerusform>%Ln webbsökning</numerusform>
            <numerusform>%Ln webbsökningar</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln web fetch(es)</source>
        <translation>
            <numerusform>%Ln webbhämtning</numerusform>
            <numerusform>%Ln webbhämtningar</numerusform>
        </translation>
    </message>
    <message>
        <source>{tier} tier</source>
        <translation>nivå {tier}</translation>
    </message>
    <message>
        <source>effort {level}</source>
        <translation>ansträngning {level}</translation>
    </message>
    <message>
        <source>thinking, budget {n}</source>
        <translation>tänkande, budget {n}</translation>
    </message>
    <message>
        <source>thinking {kind}</source>
        <translation>tänkande {kind}</translation>
    </message>
    <message>
        <source>({display})</source>
        <translation>({display})</translation>
    </message>
    <message numerus="yes">
        <source>structured output (%Ln properties)</source>
        <translation>
            <numerusform>strukturerad utdata (%Ln egenskap)</numerusform>
            <numerusform>strukturerad utdata (%Ln egenskaper)</numerusform>
        </translation>
    </message>
    <message>
        <source>cache {ttl}</source>
        <translation>cache {ttl}</translation>
    </message>
    <message>
        <source>web search</source>
        <translation>webbsökning</translation>
    </message>
    <message>
        <source>web fetch</source>
        <translation>webbhämtning</translation>
    </message>
    <message>
        <source>(at most {n})</source>
        <translation>(högst {n})</translation>
    </message>
    <message numerus="yes">
        <source>%Ln tool(s)</source>
        <translation>
            <numerusform>%Ln verktyg</numerusform>
            <numerusform>%Ln verktyg</numerusform>
        </translation>
    </message>
    <message>
        <source>({n} strict)</source>
        <translation>({n} strikta)</translation>
    </message>
    <message>
        <source>service tier {tier}</source>
        <translation>tjänstenivå {tier}</translation>
    </message>
    <message>
        <source>model defaults</source>
        <translation>modellens standardvärden</translation>
    </message>
    <message>
        <source>no price for this model (see Edit ▸ Prices…)</source>
        <translation>inget pris för den här modellen (se Redigera ▸ Priser…)</translation>
    </message>
    <message>
        <source>{usd} (reported by the provider)</source>
        <translation>{usd} (rapporterat av leverantören)</translation>
    </message>
    <message>
        <source>{usd} (from the price table)</source>
        <translation>{usd} (från pristabellen)</translation>
    </message>
    <message>
        <source>first byte {v} s</source>
        <translation>första byte {v} s</translation>
    </message>
    <message>
        <source>first text {v} s</source>
        <translation>första text {v} s</translation>
    </message>
    <message>
        <source>total {v} s</source>
        <translation>totalt {v} s</translation>
    </message>
    <message>
        <source>{v} tokens/s</source>
        <translation>{v} token/s</translation>
    </message>
    <message>
        <source>The request body Samtal kept for this reply. When sending it, Samtal added &quot;stream&quot; (true unless streaming was turned off); the cURL command leaves it out, so curl prints the whole reply at once (above {n} max_tokens, which the API takes only streamed, it asks for the stream).</source>
        <translation>Begärans innehåll som Samtal sparade för det här svaret. När det skickades lade Samtal till &quot;stream&quot; (true om inte strömning var avstängd); cURL-kommandot utelämnar det, så curl skriver ut hela svaret på en gång (över {n} max_tokens, som API:et bara tar emot strömmat, begär det strömning).</translation>
    </message>
    <message>
        <source>No request was kept with this message.</source>
        <translation>Ingen begäran sparades med det här meddelandet.</translation>
    </message>
    <message>
        <source>Attachment data is abbreviated here; Copy JSON and Copy as cURL include it in full while “Include attachment data” is ticked.</source>
        <translation>Bilagornas data är förkortade här; Kopiera JSON och Kopiera som cURL tar med dem i sin helhet när ”Ta med bilagornas data” är markerat.</translation>
    </message>
    <message>
        <source>Not connected to a provider.</source>
        <translation>Inte ansluten till någon leverantör.</translation>
    </message>
    <message>
        <source>No response headers were kept with this message.</source>
        <translation>Inga svarshuvuden sparades med det här meddelandet.</translation>
    </message>
</context>
<context>
    <name>InspectorFeature</name>
    <message>
        <source>There is no reply to inspect yet.</source>
        <translation>Det finns inget svar att granska än.</translation>
    </message>
    <message>
        <source>cache saved {usd}</source>
        <translation>cachen sparade {usd}</translation>
    </message>
    <message>
        <source>cache added {usd}</source>
        <translation>cachen lade till {usd}</translation>
    </message>
    <message>
        <source>{cost} (reported)</source>
        <translation>{cost} (rapporterat)</translation>
    </message>
</context>
<context>
    <name>JsonEditor</name>
    <message>
        <source>Insert example</source>
        <translation>Infoga exempel</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formatera</translation>
    </message>
    <message>
        <source>Re-indent the JSON (only when it is valid)</source>
        <translation>Dra in JSON på nytt (bara när den är giltig)</translation>
    </message>
    <message>
        <source>Line {line}, column {column}: {message}</source>
        <translation>Rad {line}, kolumn {column}: {message}</translation>
    </message>
    <message>
        <source>Go to line {line}</source>
        <translation>Gå till rad {line}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Tool Bar</source>
        <translation>Verktygsfält</translation>
    </message>
    <message>
        <source>Tool bar</source>
        <translation>Verktygsfält</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Redigera</translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation>&amp;Konversation</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjälp</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>Keys: C copy, E edit, R regenerate, I inspect, Left and Right versions, Up and Down messages</source>
        <translation>Tangenter: C kopiera, E redigera, R generera om, I granska, vänster och höger versioner, upp och ned meddelanden</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopiera</translation>
    </message>
    <message>
        <source>Copy this message as Markdown</source>
        <translation>Kopiera meddelandet som Markdown</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Redigera</translation>
    </message>
    <message>
        <source>Edit and resend this message (a new branch)</source>
        <translation>Redigera och skicka om meddelandet (en ny gren)</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>Generera om</translation>
    </message>
    <message>
        <source>Write a new version of this reply</source>
        <translation>Skriv en ny version av svaret</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation>Granska</translation>
    </message>
    <message>
        <source>Show the request, response headers and usage of this reply</source>
        <translation>Visa begäran, svarshuvudena och förbrukningen för det här svaret</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopierat</translation>
    </message>
    <message>
        <source>Writing… press Esc to stop</source>
        <translation>Skriver… tryck på Esc för att stoppa</translation>
    </message>
    <message>
        <source>The reply is being written</source>
        <translation>Svaret skrivs</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>The model that answers. Pick one the provider lists, or type any model id.</source>
        <translation>Modellen som svarar. Välj en som leverantören listar, eller skriv valfritt modell-id.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>{name} (deprecated)</source>
        <translation>{name} (utfasad)</translation>
    </message>
    <message>
        <source>Deprecated: it retires on {date}.</source>
        <translation>Utfasad: den tas ur bruk {date}.</translation>
    </message>
    <message>
        <source>Deprecated: it retires soon.</source>
        <translation>Utfasad: den tas snart ur bruk.</translation>
    </message>
    <message>
        <source>Use {model} instead.</source>
        <translation>Använd {model} i stället.</translation>
    </message>
</context>
<context>
    <name>OutputSchemaDialog</name>
    <message>
        <source>Structured Output</source>
        <translation>Strukturerad utdata</translation>
    </message>
    <message>
        <source>A JSON Schema of type object: the reply is JSON that follows it, shown formatted and checked against it. Empty: the reply is free text. Valid changes apply to this conversation at once.</source>
        <translation>Ett JSON Schema av typen object: svaret är JSON som följer det, visas formaterat och kontrolleras mot det. Tomt: svaret är fri text. Giltiga ändringar gäller direkt i den här konversationen.</translation>
    </message>
</context>
<context>
    <name>OutputSchemaEditor</name>
    <message>
        <source>Output schema (JSON Schema)</source>
        <translation>Utdataschema (JSON Schema)</translation>
    </message>
    <message>
        <source>{
  &quot;type&quot;: &quot;object&quot;,
  &quot;properties&quot;: {…},
  &quot;required&quot;: […]
}</source>
        <translation>{
  &quot;type&quot;: &quot;object&quot;,
  &quot;properties&quot;: {…},
  &quot;required&quot;: […]
}</translation>
    </message>
    <message>
        <source>Problems in the output schema</source>
        <translation>Problem i utdataschemat</translation>
    </message>
    <message>
        <source>No schema: the reply is free text</source>
        <translation>Inget schema: svaret är fri text</translation>
    </message>
    <message numerus="yes">
        <source>A valid schema of %Ln properties</source>
        <translation>
            <numerusform>Ett giltigt schema med %Ln egenskap</numerusform>
            <numerusform>Ett giltigt schema med %Ln egenskaper</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln problem(s) — the last valid schema stays in use</source>
        <translation>
            <numerusform>%Ln problem — det senaste giltiga schemat används fortfarande</numerusform>
            <numerusform>%Ln problem — det senaste giltiga schemat används fortfarande</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ParameterSetEditor</name>
    <message>
        <source>The longest reply, in tokens; the reply stops there (max_tokens).</source>
        <translation>Det längsta svaret, i token; svaret slutar där (max_tokens).</translation>
    </message>
    <message>
        <source>Randomness: lower is more focused and repeatable, higher more varied.</source>
        <translation>Slumpmässighet: lägre är mer fokuserat och upprepbart, högre mer varierat.</translation>
    </message>
    <message>
        <source>Nucleus sampling: only the most likely tokens whose probabilities add up to p.</source>
        <translation>Nucleus sampling: bara de mest sannolika token vars sannolikheter tillsammans blir p.</translation>
    </message>
    <message>
        <source>Sample only from the k most likely next tokens.</source>
        <translation>Välj bara bland de k mest sannolika nästa token.</translation>
    </message>
    <message>
        <source>Effort</source>
        <translation>Ansträngning</translation>
    </message>
    <message>
        <source>Default ({level})</source>
        <translation>Standard ({level})</translation>
    </message>
    <message>
        <source>The API&apos;s default.</source>
        <translation>API:ets standard.</translation>
    </message>
    <message>
        <source>Extended thinking</source>
        <translation>Utökat tänkande</translation>
    </message>
    <message>
        <source>Thinking budget (tokens)</source>
        <translation>Tankebudget (token)</translation>
    </message>
    <message>
        <source>The thinking budget in tokens: at least 1,024, and below max_tokens.</source>
        <translation>Tankebudgeten i token: minst 1 024 och under max_tokens.</translation>
    </message>
    <message>
        <source>How the thinking is shown</source>
        <translation>Hur tänkandet visas</translation>
    </message>
    <message>
        <source>Prompt caching</source>
        <translation>Promptcachning</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Sökning</translation>
    </message>
    <message>
        <source>Web search</source>
        <translation>Webbsökning</translation>
    </message>
    <message>
        <source>The model may search the web; each search is billed.</source>
        <translation>Modellen får söka på webben; varje sökning debiteras.</translation>
    </message>
    <message>
        <source>Fetch</source>
        <translation>Hämtning</translation>
    </message>
    <message>
        <source>Web fetch</source>
        <translation>Webbhämtning</translation>
    </message>
    <message>
        <source>The model may read a web page whose address it was given or found.</source>
        <translation>Modellen får läsa en webbsida vars adress den har fått eller hittat.</translation>
    </message>
    <message>
        <source>Service tier</source>
        <translation>Tjänstenivå</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Mer</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Utdata</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Webb</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Nivå</translation>
    </message>
    <message>
        <source>System prompt (optional)</source>
        <translation>Systemprompt (valfri)</translation>
    </message>
    <message>
        <source>Instructions the model follows; this set&apos;s own.</source>
        <translation>Instruktioner som modellen följer; den här uppsättningens egna.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Max token</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Top p</source>
        <translation>Top p</translation>
    </message>
    <message>
        <source>Top k</source>
        <translation>Top k</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Tänkande</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>Visas</translation>
    </message>
    <message>
        <source>Edit the JSON Schema the reply follows</source>
        <translation>Redigera det JSON Schema som svaret följer</translation>
    </message>
    <message>
        <source>Free text; add a schema…</source>
        <translation>Fri text; lägg till ett schema…</translation>
    </message>
    <message numerus="yes">
        <source>JSON, %Ln properties…</source>
        <translation>
            <numerusform>JSON, %Ln egenskap…</numerusform>
            <numerusform>JSON, %Ln egenskaper…</numerusform>
        </translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>cache {ttl}</source>
        <translation>cache {ttl}</translation>
    </message>
    <message>
        <source>effort {level}</source>
        <translation>ansträngning {level}</translation>
    </message>
</context>
<context>
    <name>ParametersPanel</name>
    <message>
        <source>Parameters</source>
        <translation>Parametrar</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>Sampling</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Utdata</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Verktyg</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Webb</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kostnad</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avancerat</translation>
    </message>
    <message>
        <source>Fetch the provider&apos;s model list again</source>
        <translation>Hämta leverantörens modellista igen</translation>
    </message>
    <message>
        <source>Refresh models</source>
        <translation>Uppdatera modeller</translation>
    </message>
    <message>
        <source>Instructions for the whole conversation (optional)</source>
        <translation>Instruktioner för hela konversationen (valfritt)</translation>
    </message>
    <message>
        <source>Instructions the model follows for the whole conversation.</source>
        <translation>Instruktioner som modellen följer under hela konversationen.</translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation>Systemprompt</translation>
    </message>
    <message>
        <source>Edit the system prompt in a larger window</source>
        <translation>Redigera systemprompten i ett större fönster</translation>
    </message>
    <message>
        <source>Expand the system prompt</source>
        <translation>Förstora systemprompten</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Randomness: lower is more focused and repeatable, higher more varied. Unset: the API&apos;s 1.0.</source>
        <translation>Slumpmässighet: lägre är mer fokuserat och upprepbart, högre mer varierat. Ej satt: API:ets 1,0.</translation>
    </message>
    <message>
        <source>Top p</source>
        <translation>Top p</translation>
    </message>
    <message>
        <source>Nucleus sampling: only the most likely tokens whose probabilities add up to p.</source>
        <translation>Nucleus sampling: bara de mest sannolika token vars sannolikheter tillsammans blir p.</translation>
    </message>
    <message>
        <source>Top k</source>
        <translation>Top k</translation>
    </message>
    <message>
        <source>Sample only from the k most likely next tokens.</source>
        <translation>Välj bara bland de k mest sannolika nästa token.</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>Max token</translation>
    </message>
    <message>
        <source>The longest reply, in tokens; the reply stops there (max_tokens).</source>
        <translation>Det längsta svaret, i token; svaret slutar där (max_tokens).</translation>
    </message>
    <message>
        <source>Stop sequences</source>
        <translation>Stoppsekvenser</translation>
    </message>
    <message>
        <source>The reply stops as soon as the model writes one of these.</source>
        <translation>Svaret slutar så snart modellen skriver någon av dessa.</translation>
    </message>
    <message>
        <source>Stream the reply</source>
        <translation>Strömma svaret</translation>
    </message>
    <message>
        <source>Show the reply as it is written. Off: one request returns the whole reply at the end.</source>
        <translation>Visa svaret medan det skrivs. Av: en begäran returnerar hela svaret i slutet.</translation>
    </message>
    <message>
        <source>Structured output</source>
        <translation>Strukturerad utdata</translation>
    </message>
    <message>
        <source>The reply is JSON that follows a JSON Schema, checked when it arrives.</source>
        <translation>Svaret är JSON som följer ett JSON Schema och kontrolleras när det kommer.</translation>
    </message>
    <message>
        <source>Remove the output schema: the reply is free text again</source>
        <translation>Ta bort utdataschemat: svaret blir fri text igen</translation>
    </message>
    <message>
        <source>Remove the output schema</source>
        <translation>Ta bort utdataschemat</translation>
    </message>
    <message>
        <source>Effort</source>
        <translation>Ansträngning</translation>
    </message>
    <message>
        <source>How much the model thinks and writes (output_config.effort); without one, it works as at high.</source>
        <translation>Hur mycket modellen tänker och skriver (output_config.effort); utan värde arbetar den som vid hög.</translation>
    </message>
    <message>
        <source>Extended thinking</source>
        <translation>Utökat tänkande</translation>
    </message>
    <message>
        <source>Thinking budget (tokens)</source>
        <translation>Tankebudget (token)</translation>
    </message>
    <message>
        <source>The most tokens spent thinking: at least 1,024 and less than max tokens, which it counts toward.</source>
        <translation>Flest token som läggs på att tänka: minst 1 024 och mindre än max token, som de räknas in i.</translation>
    </message>
    <message>
        <source>How the thinking is shown</source>
        <translation>Hur tänkandet visas</translation>
    </message>
    <message>
        <source>Summarized: the reply shows a summary of the thinking. Omitted: the thinking is withheld.</source>
        <translation>Sammanfattat: svaret visar en sammanfattning av tänkandet. Utelämnat: tänkandet hålls inne.</translation>
    </message>
    <message>
        <source>Thinking shown</source>
        <translation>Tänkande visas</translation>
    </message>
    <message>
        <source>Edit this conversation&apos;s tool definitions (JSON)</source>
        <translation>Redigera konversationens verktygsdefinitioner (JSON)</translation>
    </message>
    <message>
        <source>Tool choice</source>
        <translation>Verktygsval</translation>
    </message>
    <message>
        <source>Whether and how the model must use the tools.</source>
        <translation>Om och hur modellen måste använda verktygen.</translation>
    </message>
    <message>
        <source>Web search</source>
        <translation>Webbsökning</translation>
    </message>
    <message>
        <source>The model may search the web; each search is billed.</source>
        <translation>Modellen får söka på webben; varje sökning debiteras.</translation>
    </message>
    <message>
        <source>Web fetch</source>
        <translation>Webbhämtning</translation>
    </message>
    <message>
        <source>The model may read a web page whose address it was given or found.</source>
        <translation>Modellen får läsa en webbsida vars adress den har fått eller hittat.</translation>
    </message>
    <message>
        <source>Prompt caching</source>
        <translation>Promptcachning</translation>
    </message>
    <message>
        <source>The conversation so far is cached, so that the next request reads it for a tenth of the price.</source>
        <translation>Konversationen hittills cachas, så att nästa begäran läser den för en tiondel av priset.</translation>
    </message>
    <message>
        <source>Service tier</source>
        <translation>Tjänstenivå</translation>
    </message>
    <message>
        <source>e.g. a UUID or a hash</source>
        <translation>t.ex. ett UUID eller en hash</translation>
    </message>
    <message>
        <source>metadata.user_id</source>
        <translation>metadata.user_id</translation>
    </message>
    <message>
        <source>Sent as metadata.user_id: helps the provider detect abuse per end user.</source>
        <translation>Skickas som metadata.user_id: hjälper leverantören att upptäcka missbruk per slutanvändare.</translation>
    </message>
    <message>
        <source>An opaque id — no personal data.</source>
        <translation>Ett ogenomskinligt id — inga personuppgifter.</translation>
    </message>
    <message>
        <source>User id (metadata.user_id)</source>
        <translation>Användar-id (metadata.user_id)</translation>
    </message>
    <message>
        <source>context {n} tokens</source>
        <translation>kontext {n} token</translation>
    </message>
    <message>
        <source>output up to {n}</source>
        <translation>utdata upp till {n}</translation>
    </message>
    <message>
        <source>Edit the JSON Schema the reply follows</source>
        <translation>Redigera det JSON Schema som svaret följer</translation>
    </message>
    <message>
        <source>Switch to {model}</source>
        <translation>Byt till {model}</translation>
    </message>
    <message>
        <source>Use {model}, the current model of this line, for this conversation</source>
        <translation>Använd {model}, den aktuella modellen i den här serien, för den här konversationen</translation>
    </message>
    <message>
        <source>The schema editor has errors: the last valid schema is sent.</source>
        <translation>Schemaredigeraren har fel: det senaste giltiga schemat skickas.</translation>
    </message>
    <message>
        <source>Lowered to {shown}, the most this model writes; back to {chosen} with a model that allows it.</source>
        <translation>Sänkt till {shown}, det mesta den här modellen skriver; tillbaka till {chosen} med en modell som tillåter det.</translation>
    </message>
    <message>
        <source>Lowered to {shown} to stay below max tokens; back to {chosen} when max tokens allows it.</source>
        <translation>Sänkt till {shown} för att hålla sig under max token; tillbaka till {chosen} när max token tillåter det.</translation>
    </message>
    <message>
        <source>set by the model</source>
        <translation>bestäms av modellen</translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln token</numerusform>
            <numerusform>%Ln token</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln stop(s)</source>
        <translation>
            <numerusform>%Ln stopp</numerusform>
            <numerusform>%Ln stopp</numerusform>
        </translation>
    </message>
    <message>
        <source>effort {level}</source>
        <translation>ansträngning {level}</translation>
    </message>
    <message>
        <source>adaptive</source>
        <translation>adaptivt</translation>
    </message>
    <message>
        <source>Add a JSON schema…</source>
        <translation>Lägg till ett JSON-schema…</translation>
    </message>
    <message numerus="yes">
        <source>Edit the schema (%Ln properties)…</source>
        <translation>
            <numerusform>Redigera schemat (%Ln egenskap)…</numerusform>
            <numerusform>Redigera schemat (%Ln egenskaper)…</numerusform>
        </translation>
    </message>
    <message>
        <source>The tools editor has errors: the last valid tools are sent.</source>
        <translation>Verktygsredigeraren har fel: de senaste giltiga verktygen skickas.</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Resonemang</translation>
    </message>
    <message>
        <source>The model reasons step by step before it answers.</source>
        <translation>Modellen resonerar steg för steg innan den svarar.</translation>
    </message>
    <message>
        <source>The API refused it: {m}</source>
        <translation>API:et avvisade det: {m}</translation>
    </message>
    <message>
        <source>Not sent while extended thinking is on.</source>
        <translation>Skickas inte medan utökat tänkande är på.</translation>
    </message>
    <message>
        <source>Every reply must call a tool, also the reply to a tool&apos;s result: choose Auto before sending results to get an answer from them.</source>
        <translation>Varje svar måste anropa ett verktyg, även svaret på ett verktygsresultat: välj Auto innan du skickar resultat för att få ett svar utifrån dem.</translation>
    </message>
    <message>
        <source>Raise max tokens above 1,024 to leave room for a thinking budget.</source>
        <translation>Höj max token över 1 024 för att ge plats åt en tankebudget.</translation>
    </message>
    <message>
        <source>API defaults</source>
        <translation>API:ets standardvärden</translation>
    </message>
    <message>
        <source>not streamed</source>
        <translation>inte strömmat</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>search</source>
        <translation>sökning</translation>
    </message>
    <message>
        <source>fetch</source>
        <translation>hämtning</translation>
    </message>
    <message>
        <source>off</source>
        <translation>av</translation>
    </message>
    <message>
        <source>Edit tools ({n})…</source>
        <translation>Redigera verktyg ({n})…</translation>
    </message>
    <message>
        <source>Add tools…</source>
        <translation>Lägg till verktyg…</translation>
    </message>
    <message>
        <source>none</source>
        <translation>inga</translation>
    </message>
    <message numerus="yes">
        <source>%Ln tool(s)</source>
        <translation>
            <numerusform>%Ln verktyg</numerusform>
            <numerusform>%Ln verktyg</numerusform>
        </translation>
    </message>
    <message>
        <source>cache {ttl}</source>
        <translation>cache {ttl}</translation>
    </message>
    <message>
        <source>no cache</source>
        <translation>ingen cache</translation>
    </message>
    <message>
        <source>user id</source>
        <translation>användar-id</translation>
    </message>
</context>
<context>
    <name>PresetNameDialog</name>
    <message>
        <source>A preset needs a name.</source>
        <translation>En förinställning behöver ett namn.</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Ersätt</translation>
    </message>
    <message>
        <source>There is already a preset called “{name}”: saving replaces its parameters.</source>
        <translation>Det finns redan en förinställning som heter ”{name}”: om du sparar ersätts dess parametrar.</translation>
    </message>
    <message>
        <source>There is already a preset called “{name}”.</source>
        <translation>Det finns redan en förinställning som heter ”{name}”.</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>There is no preset “{name}” any more.</source>
        <translation>Förinställningen ”{name}” finns inte längre.</translation>
    </message>
    <message>
        <source>Applied the preset “{name}”, but its parameters can&apos;t be sent as they are: {problem}</source>
        <translation>Använde förinställningen ”{name}”, men dess parametrar kan inte skickas som de är: {problem}</translation>
    </message>
    <message>
        <source>Applied the preset “{name}”.</source>
        <translation>Använde förinställningen ”{name}”.</translation>
    </message>
    <message>
        <source>Saved the preset “{name}”.</source>
        <translation>Sparade förinställningen ”{name}”.</translation>
    </message>
    <message>
        <source>Deleted the preset “{name}”.</source>
        <translation>Tog bort förinställningen ”{name}”.</translation>
    </message>
    <message>
        <source>New conversations start with Samtal&apos;s defaults.</source>
        <translation>Nya konversationer börjar med Samtals standardvärden.</translation>
    </message>
    <message>
        <source>New conversations start with the preset “{name}”.</source>
        <translation>Nya konversationer börjar med förinställningen ”{name}”.</translation>
    </message>
</context>
<context>
    <name>PresetsBar</name>
    <message>
        <source>Preset</source>
        <translation>Förinställning</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>Förinställningar</translation>
    </message>
    <message>
        <source>Preset commands</source>
        <translation>Kommandon för förinställningar</translation>
    </message>
    <message>
        <source>Save, rename, delete presets; the preset for new conversations</source>
        <translation>Spara, byt namn på och ta bort förinställningar; förinställningen för nya konversationer</translation>
    </message>
    <message>
        <source>New conversations start with this preset</source>
        <translation>Nya konversationer börjar med den här förinställningen</translation>
    </message>
    <message>
        <source>{name}*</source>
        <translation>{name}*</translation>
    </message>
    <message>
        <source>The parameters on screen are the preset “{name}” changed: choose it to apply it again, or save them under its name with the ⋯ menu</source>
        <translation>Parametrarna på skärmen är förinställningen ”{name}” ändrad: välj den för att använda den igen, eller spara dem under dess namn med ⋯-menyn</translation>
    </message>
    <message>
        <source>Apply a saved set of parameters to this conversation</source>
        <translation>Använd en sparad uppsättning parametrar i den här konversationen</translation>
    </message>
    <message>
        <source>No presets yet: save the parameters on screen with the ⋯ menu</source>
        <translation>Inga förinställningar än: spara parametrarna på skärmen med ⋯-menyn</translation>
    </message>
    <message>
        <source>Save Preset</source>
        <translation>Spara förinställning</translation>
    </message>
    <message>
        <source>Name of the preset:</source>
        <translation>Förinställningens namn:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <source>Rename Preset</source>
        <translation>Byt namn på förinställning</translation>
    </message>
    <message>
        <source>New name for “{name}”:</source>
        <translation>Nytt namn för ”{name}”:</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Byt namn</translation>
    </message>
    <message>
        <source>Delete the preset “{name}”?</source>
        <translation>Ta bort förinställningen ”{name}”?</translation>
    </message>
    <message>
        <source>Save current parameters as…</source>
        <translation>Spara nuvarande parametrar som…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <source>New conversations start with</source>
        <translation>Nya konversationer börjar med</translation>
    </message>
    <message>
        <source>No preset (Samtal&apos;s defaults)</source>
        <translation>Ingen förinställning (Samtals standardvärden)</translation>
    </message>
</context>
<context>
    <name>PriceTableDialog</name>
    <message>
        <source>Prices</source>
        <translation>Priser</translation>
    </message>
    <message>
        <source>USD per million tokens, web searches per thousand. A model takes the price of the longest model id prefix it starts with. Cache writes cost 1.25 × input for 5 minutes and 2 × input for an hour; what a cache read costs depends on the model. Changing the input price moves the cache prices along. When the provider reports a cost itself, that cost is shown instead.</source>
        <translation>USD per miljon token, webbsökningar per tusen. En modell får priset för det längsta modell-id-prefix den börjar med. Cacheskrivningar kostar 1,25 × indata för 5 minuter och 2 × indata för en timme; vad en cacheläsning kostar beror på modellen. Om du ändrar inpriset följer cachepriserna med. När leverantören själv rapporterar en kostnad visas den i stället.</translation>
    </message>
    <message>
        <source>Model id prefix</source>
        <translation>Prefix för modell-id</translation>
    </message>
    <message>
        <source>Model ids starting with this (then a &apos;-&apos; or the end)</source>
        <translation>Modell-id som börjar med detta (följt av &apos;-&apos; eller slutet)</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modeller</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Indata</translation>
    </message>
    <message>
        <source>Uncached input tokens</source>
        <translation>Ocachade indatatoken</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Utdata</translation>
    </message>
    <message>
        <source>Output tokens, thinking included</source>
        <translation>Utdatatoken, tänkande inräknat</translation>
    </message>
    <message>
        <source>Cache write</source>
        <translation>Cacheskrivning</translation>
    </message>
    <message>
        <source>Writing to the prompt cache for 5 minutes</source>
        <translation>Skrivning till promptcachen i 5 minuter</translation>
    </message>
    <message>
        <source>1h write</source>
        <translation>Skrivning 1 tim</translation>
    </message>
    <message>
        <source>Writing to the prompt cache for an hour</source>
        <translation>Skrivning till promptcachen i en timme</translation>
    </message>
    <message>
        <source>Cache read</source>
        <translation>Cacheläsning</translation>
    </message>
    <message>
        <source>Reading from the prompt cache</source>
        <translation>Läsning från promptcachen</translation>
    </message>
    <message>
        <source>Searches</source>
        <translation>Sökningar</translation>
    </message>
    <message>
        <source>USD per 1,000 web searches (web fetches cost only their tokens)</source>
        <translation>USD per 1 000 webbsökningar (webbhämtningar kostar bara sina token)</translation>
    </message>
    <message>
        <source>Add Model</source>
        <translation>Lägg till modell</translation>
    </message>
    <message>
        <source>Add a price for other model ids</source>
        <translation>Lägg till ett pris för andra modell-id</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <source>Remove the selected row you added</source>
        <translation>Ta bort den markerade raden som du lade till</translation>
    </message>
    <message>
        <source>Reset Row</source>
        <translation>Återställ rad</translation>
    </message>
    <message>
        <source>Give the selected built-in row its original prices</source>
        <translation>Ge den markerade inbyggda raden dess ursprungliga priser</translation>
    </message>
    <message>
        <source>Restore All Defaults</source>
        <translation>Återställ alla standardvärden</translation>
    </message>
    <message>
        <source>My models</source>
        <translation>Mina modeller</translation>
    </message>
    <message>
        <source>{name} (free)</source>
        <translation>{name} (gratis)</translation>
    </message>
    <message>
        <source>Built-in price, changed by you</source>
        <translation>Inbyggt pris, ändrat av dig</translation>
    </message>
    <message>
        <source>Built-in price</source>
        <translation>Inbyggt pris</translation>
    </message>
    <message>
        <source>Added by you</source>
        <translation>Tillagt av dig</translation>
    </message>
    <message>
        <source>Every price is 0: replies of these models cost $0. Set a price to count their cost.</source>
        <translation>Alla priser är 0: svar från dessa modeller kostar 0 $. Ange ett pris för att räkna deras kostnad.</translation>
    </message>
    <message>
        <source>A prompt longer than {n} tokens costs {factor} × every token price.</source>
        <translation>En prompt längre än {n} token kostar {factor} × varje tokenpris.</translation>
    </message>
</context>
<context>
    <name>ProfileService</name>
    <message>
        <source>No answer from {host} within {seconds:g} s.</source>
        <translation>Inget svar från {host} inom {seconds:g} s.</translation>
    </message>
    <message>
        <source>The test failed unexpectedly ({error}).</source>
        <translation>Testet misslyckades oväntat ({error}).</translation>
    </message>
    <message>
        <source>Connected, but the provider lists no Claude models.</source>
        <translation>Ansluten, men leverantören listar inga Claude-modeller.</translation>
    </message>
    <message numerus="yes">
        <source>Connected. %Ln models are available.</source>
        <translation>
            <numerusform>Ansluten. %Ln modell är tillgänglig.</numerusform>
            <numerusform>Ansluten. %Ln modeller är tillgängliga.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your settings could not be saved ({reason}); they last until Samtal quits.</source>
        <translation>Dina inställningar kunde inte sparas ({reason}); de gäller tills Samtal avslutas.</translation>
    </message>
</context>
<context>
    <name>ProviderForm</name>
    <message>
        <source>Profile name</source>
        <translation>Profilnamn</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Leverantör</translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation>Bas-URL</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Autentisering</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>API-token</translation>
    </message>
    <message>
        <source>Paste your token</source>
        <translation>Klistra in din token</translation>
    </message>
    <message>
        <source>API version</source>
        <translation>API-version</translation>
    </message>
    <message>
        <source>{version} (default)</source>
        <translation>{version} (standard)</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Testa anslutningen</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Resultat av anslutningstestet</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Namn:</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>&amp;Leverantör:</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>&amp;Bas-URL:</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>&amp;Autentisering:</translation>
    </message>
    <message>
        <source>API &amp;token:</source>
        <translation>API-&amp;token:</translation>
    </message>
    <message>
        <source>API &amp;version:</source>
        <translation>API-&amp;version:</translation>
    </message>
    <message>
        <source>Leave empty to keep the saved token</source>
        <translation>Lämna tomt för att behålla den sparade token</translation>
    </message>
    <message>
        <source>Error type: {type}</source>
        <translation>Feltyp: {type}</translation>
    </message>
    <message>
        <source>HTTP {status}</source>
        <translation>HTTP {status}</translation>
    </message>
    <message>
        <source>Request id: {id}</source>
        <translation>Begärans id: {id}</translation>
    </message>
    <message>
        <source>My gateway</source>
        <translation>Min gateway</translation>
    </message>
    <message>
        <source>e.g. {name}</source>
        <translation>t.ex. {name}</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>Testet avbröts.</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Testar anslutningen…</translation>
    </message>
    <message>
        <source>Cancel test</source>
        <translation>Avbryt testet</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Dölj</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Visa</translation>
    </message>
    <message>
        <source>Hide the token</source>
        <translation>Dölj token</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>Visa token</translation>
    </message>
</context>
<context>
    <name>Providers</name>
    <message>
        <source>Demo mode: replies come from a small server on this computer; nothing leaves it.</source>
        <translation>Demoläge: svaren kommer från en liten server på den här datorn; inget lämnar den.</translation>
    </message>
    <message>
        <source>Set up a provider…</source>
        <translation>Ställ in en leverantör…</translation>
    </message>
</context>
<context>
    <name>QuickControls</name>
    <message>
        <source>Effort</source>
        <translation>Ansträngning</translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation>Tänkande</translation>
    </message>
    <message>
        <source>How much the model thinks and writes</source>
        <translation>Hur mycket modellen tänker och skriver</translation>
    </message>
    <message>
        <source>Whether the model reasons step by step before it answers</source>
        <translation>Om modellen resonerar steg för steg innan den svarar</translation>
    </message>
    <message>
        <source>The model that answers the next message</source>
        <translation>Modellen som svarar på nästa meddelande</translation>
    </message>
</context>
<context>
    <name>RichTextView</name>
    <message>
        <source>Wrap this code&apos;s long lines, or show each on one line again</source>
        <translation>Radbryt kodens långa rader, eller visa varje rad på en rad igen</translation>
    </message>
</context>
<context>
    <name>SamplingChoice</name>
    <message>
        <source>Send temperature</source>
        <translation>Skicka temperature</translation>
    </message>
    <message>
        <source>Send top_p</source>
        <translation>Skicka top_p</translation>
    </message>
    <message>
        <source>This model takes temperature or top_p, not both.</source>
        <translation>Den här modellen tar temperature eller top_p, inte båda.</translation>
    </message>
</context>
<context>
    <name>Samtal</name>
    <message>
        <source>Could not list models: {e}</source>
        <translation>Kunde inte lista modeller: {e}</translation>
    </message>
    <message>
        <source>Zoom {percent} %</source>
        <translation>Zoom {percent} %</translation>
    </message>
    <message>
        <source>About Samtal</source>
        <translation>Om Samtal</translation>
    </message>
    <message>
        <source>&lt;b&gt;Samtal&lt;/b&gt; {v}&lt;br&gt;A native desktop chat client for the Claude Messages API.&lt;br&gt;{kept}&lt;br&gt;MIT licence.</source>
        <translation>&lt;b&gt;Samtal&lt;/b&gt; {v}&lt;br&gt;En inbyggd skrivbordsklient för chatt med Claude Messages API.&lt;br&gt;{kept}&lt;br&gt;MIT-licens.</translation>
    </message>
</context>
<context>
    <name>SearchResultDelegate</name>
    <message>
        <source>Found in the title</source>
        <translation>Hittat i titeln</translation>
    </message>
    <message numerus="yes">
        <source>%Ln+ message(s)</source>
        <translation>
            <numerusform>%Ln+ meddelande</numerusform>
            <numerusform>%Ln+ meddelanden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln meddelande</numerusform>
            <numerusform>%Ln meddelanden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <source>&amp;Providers</source>
        <translation>&amp;Leverantörer</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Allmänt</translation>
    </message>
    <message>
        <source>Use the &amp;Demo</source>
        <translation>Använd &amp;demon</translation>
    </message>
    <message>
        <source>Talk to the demo server on this computer: no token, nothing leaves it</source>
        <translation>Prata med demoservern på den här datorn: ingen token, inget lämnar den</translation>
    </message>
    <message>
        <source>Provider profiles</source>
        <translation>Leverantörsprofiler</translation>
    </message>
    <message>
        <source>No provider yet. Add one to chat with your own token.</source>
        <translation>Ingen leverantör än. Lägg till en för att chatta med din egen token.</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Lägg till…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Redigera…</translation>
    </message>
    <message>
        <source>&amp;Replace token…</source>
        <translation>&amp;Byt token…</translation>
    </message>
    <message>
        <source>&amp;Make active</source>
        <translation>&amp;Gör aktiv</translation>
    </message>
    <message>
        <source>&amp;Forget token</source>
        <translation>&amp;Glöm token</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>Ta &amp;bort</translation>
    </message>
    <message>
        <source>Default model</source>
        <translation>Standardmodell</translation>
    </message>
    <message>
        <source>The model new conversations start with when they use the provider in use</source>
        <translation>Modellen som nya konversationer börjar med hos leverantören som används</translation>
    </message>
    <message>
        <source>Default &amp;model:</source>
        <translation>Standard&amp;modell:</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends (Enter inserts a newline)</source>
        <translation>Ctrl+Enter skickar (Enter ger ny rad)</translation>
    </message>
    <message>
        <source>Ask the model for conversation titles</source>
        <translation>Be modellen om titlar på konversationer</translation>
    </message>
    <message>
        <source>Costs one short extra request per new conversation. Otherwise a conversation is named after the start of its first message.</source>
        <translation>Kostar en kort extra begäran per ny konversation. Annars får en konversation namn efter början av sitt första meddelande.</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Tema:</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Samma som systemet</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <source>{percent} % (the system&apos;s)</source>
        <translation>{percent} % (systemets)</translation>
    </message>
    <message>
        <source>The size of every text in the window; View ▸ Zoom changes the conversation&apos;s alone</source>
        <translation>Storleken på all text i fönstret; Visa ▸ Zooma ändrar bara konversationens</translation>
    </message>
    <message>
        <source>Te&amp;xt size:</source>
        <translation>Te&amp;xtstorlek:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Språk:</translation>
    </message>
    <message>
        <source>A new language is used from the next time Samtal starts.</source>
        <translation>Ett nytt språk används från nästa gång Samtal startar.</translation>
    </message>
    <message>
        <source>Open &amp;Data Folder</source>
        <translation>Öppna &amp;datamappen</translation>
    </message>
    <message>
        <source>Open Lo&amp;gs Folder</source>
        <translation>Öppna lo&amp;ggmappen</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>Requests now go to: {label}</source>
        <translation>Begäranden går nu till: {label}</translation>
    </message>
    <message>
        <source>The provider&apos;s default</source>
        <translation>Leverantörens standard</translation>
    </message>
    <message>
        <source>For new conversations with this provider; a conversation keeps the model it has.</source>
        <translation>För nya konversationer med den här leverantören; en konversation behåller sin modell.</translation>
    </message>
    <message>
        <source>Requests don&apos;t go through a profile now: the demo and the environment choose their model.</source>
        <translation>Begäranden går inte via en profil nu: demon och miljön väljer sin modell.</translation>
    </message>
    <message>
        <source>Tokens can&apos;t be kept after Samtal quits.</source>
        <translation>Token kan inte sparas efter att Samtal avslutats.</translation>
    </message>
    <message>
        <source>API {version}</source>
        <translation>API {version}</translation>
    </message>
    <message>
        <source>Forget token</source>
        <translation>Glöm token</translation>
    </message>
    <message>
        <source>Delete the token of “{name}” from this computer? Keep a copy if you want to use it again.</source>
        <translation>Ta bort token för ”{name}” från den här datorn? Spara en kopia om du vill använda den igen.</translation>
    </message>
    <message>
        <source>Remove provider</source>
        <translation>Ta bort leverantör</translation>
    </message>
    <message>
        <source>Remove “{name}” and delete its token from this computer? Your conversations are kept.</source>
        <translation>Ta bort ”{name}” och radera dess token från den här datorn? Dina konversationer finns kvar.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Kortkommandon</translation>
    </message>
    <message>
        <source>Filter: a word or a key (e.g. “branch” or “Ctrl+K”)</source>
        <translation>Filtrera: ett ord eller en tangent (t.ex. ”gren” eller ”Ctrl+K”)</translation>
    </message>
    <message>
        <source>Filter the shortcuts</source>
        <translation>Filtrera kortkommandona</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Kommando</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tangenter</translation>
    </message>
</context>
<context>
    <name>SiblingNavigator</name>
    <message>
        <source>Previous version</source>
        <translation>Föregående version</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Nästa version</translation>
    </message>
    <message>
        <source>Version {n} of {count}</source>
        <translation>Version {n} av {count}</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Search conversations (Ctrl+K)</source>
        <translation>Sök i konversationer (Ctrl+K)</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>Sök i konversationer</translation>
    </message>
    <message>
        <source>New conversation (Ctrl+N)</source>
        <translation>Ny konversation (Ctrl+N)</translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation>Ny konversation</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alla</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Arkiverade</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Papperskorg</translation>
    </message>
    <message>
        <source>Show only conversations with this tag</source>
        <translation>Visa bara konversationer med den här taggen</translation>
    </message>
    <message>
        <source>Tag filter</source>
        <translation>Taggfilter</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Konversationer</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Sökresultat</translation>
    </message>
    <message>
        <source>Conversation list</source>
        <translation>Konversationslista</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Sök</translation>
    </message>
    <message>
        <source>Delete the selected conversations for good</source>
        <translation>Ta bort de markerade konversationerna för gott</translation>
    </message>
    <message>
        <source>From the search field to its results</source>
        <translation>Från sökfältet till dess resultat</translation>
    </message>
    <message>
        <source>Open the selected result</source>
        <translation>Öppna det markerade resultatet</translation>
    </message>
    <message>
        <source>Leave the search</source>
        <translation>Lämna sökningen</translation>
    </message>
    <message>
        <source>New Conversation</source>
        <translation>Ny konversation</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Återställ</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportera…</translation>
    </message>
    <message>
        <source>Delete Permanently…</source>
        <translation>Ta bort permanent…</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Byt namn</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Lossa</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>Fäst</translation>
    </message>
    <message>
        <source>Tags…</source>
        <translation>Taggar…</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>Avarkivera</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Arkivera</translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation>Flytta till papperskorgen</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>Alla taggar</translation>
    </message>
    <message>
        <source>The trash is empty.
Conversations in the trash are deleted after {days} days.</source>
        <translation>Papperskorgen är tom.
Konversationer i papperskorgen tas bort efter {days} dagar.</translation>
    </message>
    <message>
        <source>No archived conversations tagged “{tag}”</source>
        <translation>Inga arkiverade konversationer taggade ”{tag}”</translation>
    </message>
    <message>
        <source>No archived conversations</source>
        <translation>Inga arkiverade konversationer</translation>
    </message>
    <message>
        <source>No conversations tagged “{tag}”</source>
        <translation>Inga konversationer taggade ”{tag}”</translation>
    </message>
    <message>
        <source>No conversations yet — press Ctrl+N</source>
        <translation>Inga konversationer än — tryck på Ctrl+N</translation>
    </message>
    <message>
        <source>No matches for “{query}”</source>
        <translation>Inga träffar för ”{query}”</translation>
    </message>
</context>
<context>
    <name>StatusBox</name>
    <message>
        <source>Retry</source>
        <translation>Försök igen</translation>
    </message>
    <message>
        <source>Send the request again (a new version)</source>
        <translation>Skicka begäran igen (en ny version)</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Fortsätt</translation>
    </message>
    <message>
        <source>Let the reply go on from where it stopped</source>
        <translation>Låt svaret fortsätta där det stannade</translation>
    </message>
    <message>
        <source>Edit Your Message…</source>
        <translation>Redigera ditt meddelande…</translation>
    </message>
    <message>
        <source>Edit the message this replies to and send it again (a new branch)</source>
        <translation>Redigera meddelandet som detta svarar på och skicka det igen (en ny gren)</translation>
    </message>
    <message>
        <source>Update token…</source>
        <translation>Uppdatera token…</translation>
    </message>
    <message>
        <source>Enter a new API token</source>
        <translation>Ange en ny API-token</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Inställningar…</translation>
    </message>
    <message>
        <source>Check the provider and its base URL</source>
        <translation>Kontrollera leverantören och dess bas-URL</translation>
    </message>
    <message>
        <source>Continue with {model}</source>
        <translation>Fortsätt med {model}</translation>
    </message>
    <message>
        <source>Use {model} for this conversation from now on and send the request again</source>
        <translation>Använd {model} för den här konversationen från och med nu och skicka begäran igen</translation>
    </message>
</context>
<context>
    <name>StopSequencesEditor</name>
    <message>
        <source>Stop sequences</source>
        <translation>Stoppsekvenser</translation>
    </message>
    <message>
        <source>Add a stop sequence</source>
        <translation>Lägg till en stoppsekvens</translation>
    </message>
    <message>
        <source>New stop sequence</source>
        <translation>Ny stoppsekvens</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Lägg till</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <source>Remove the selected stop sequences (Delete)</source>
        <translation>Ta bort de markerade stoppsekvenserna (Delete)</translation>
    </message>
    <message>
        <source>A stop sequence can&apos;t be empty or only spaces.</source>
        <translation>En stoppsekvens får inte vara tom eller bara blanksteg.</translation>
    </message>
    <message>
        <source>That stop sequence is already in the list.</source>
        <translation>Den stoppsekvensen finns redan i listan.</translation>
    </message>
</context>
<context>
    <name>SystemPromptDialog</name>
    <message>
        <source>System prompt</source>
        <translation>Systemprompt</translation>
    </message>
    <message>
        <source>Instructions the model follows for the whole conversation.</source>
        <translation>Instruktioner som modellen följer under hela konversationen.</translation>
    </message>
</context>
<context>
    <name>TagsDialog</name>
    <message>
        <source>Tags</source>
        <translation>Taggar</translation>
    </message>
    <message>
        <source>Tags of {subject}</source>
        <translation>Taggar för {subject}</translation>
    </message>
    <message>
        <source>New tag</source>
        <translation>Ny tagg</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Lägg till</translation>
    </message>
</context>
<context>
    <name>TokenDialog</name>
    <message>
        <source>Use this provider now</source>
        <translation>Använd den här leverantören nu</translation>
    </message>
    <message>
        <source>Add a provider</source>
        <translation>Lägg till en leverantör</translation>
    </message>
    <message>
        <source>Choose where requests go and paste the API token.</source>
        <translation>Välj vart begäranden ska gå och klistra in API-token.</translation>
    </message>
    <message>
        <source>Edit “{name}”</source>
        <translation>Redigera ”{name}”</translation>
    </message>
    <message>
        <source>Change the name or where requests go. Paste a token only to replace it.</source>
        <translation>Ändra namnet eller vart begäranden går. Klistra bara in en token för att ersätta den.</translation>
    </message>
    <message>
        <source>Update token</source>
        <translation>Uppdatera token</translation>
    </message>
    <message>
        <source>Paste a new API token for “{name}”.</source>
        <translation>Klistra in en ny API-token för ”{name}”.</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>Inte sparat.</translation>
    </message>
    <message>
        <source>The token can&apos;t be kept after Samtal quits.</source>
        <translation>Token kan inte sparas efter att Samtal avslutats.</translation>
    </message>
</context>
<context>
    <name>ToolAnswerBar</name>
    <message>
        <source>Send results</source>
        <translation>Skicka resultat</translation>
    </message>
    <message>
        <source>Send the tool results to the model (Ctrl+Enter in a result)</source>
        <translation>Skicka verktygsresultaten till modellen (Ctrl+Enter i ett resultat)</translation>
    </message>
    <message>
        <source>Send the tool results</source>
        <translation>Skicka verktygsresultaten</translation>
    </message>
    <message>
        <source>Every call has its result. Ctrl+Enter in a result sends them too.</source>
        <translation>Varje anrop har sitt resultat. Ctrl+Enter i ett resultat skickar dem också.</translation>
    </message>
    <message>
        <source>The model is waiting for the tool&apos;s result: write it above, then send.</source>
        <translation>Modellen väntar på verktygets resultat: skriv det ovan och skicka sedan.</translation>
    </message>
    <message>
        <source>The model is waiting for the results: {n} of {total} written.</source>
        <translation>Modellen väntar på resultaten: {n} av {total} skrivna.</translation>
    </message>
</context>
<context>
    <name>ToolChoiceEditor</name>
    <message>
        <source>Tool choice</source>
        <translation>Verktygsval</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>The model decides whether to call a tool (the default).</source>
        <translation>Modellen avgör om den ska anropa ett verktyg (standard).</translation>
    </message>
    <message>
        <source>Any tool</source>
        <translation>Valfritt verktyg</translation>
    </message>
    <message>
        <source>The model must call one of the tools.</source>
        <translation>Modellen måste anropa något av verktygen.</translation>
    </message>
    <message>
        <source>This tool…</source>
        <translation>Det här verktyget…</translation>
    </message>
    <message>
        <source>The model must call the tool chosen below.</source>
        <translation>Modellen måste anropa verktyget som väljs nedan.</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Inget</translation>
    </message>
    <message>
        <source>The model may not call any tool.</source>
        <translation>Modellen får inte anropa något verktyg.</translation>
    </message>
    <message>
        <source>Tool to call</source>
        <translation>Verktyg att anropa</translation>
    </message>
    <message>
        <source>One tool call at a time</source>
        <translation>Ett verktygsanrop i taget</translation>
    </message>
    <message>
        <source>disable_parallel_tool_use: the model calls one tool at a time instead of several at once.</source>
        <translation>disable_parallel_tool_use: modellen anropar ett verktyg i taget i stället för flera samtidigt.</translation>
    </message>
</context>
<context>
    <name>ToolsDialog</name>
    <message>
        <source>Tools</source>
        <translation>Verktyg</translation>
    </message>
    <message>
        <source>A JSON array of tool definitions, each with a name, a description and an input_schema (a JSON Schema of type object); &quot;strict&quot;: true makes the model&apos;s input follow the schema exactly. Valid changes apply to this conversation at once.</source>
        <translation>En JSON-array med verktygsdefinitioner, var och en med name, description och input_schema (ett JSON Schema av typen object); &quot;strict&quot;: true gör att modellens indata följer schemat exakt. Giltiga ändringar gäller direkt i den här konversationen.</translation>
    </message>
</context>
<context>
    <name>ToolsEditor</name>
    <message>
        <source>[
  {&quot;name&quot;: &quot;…&quot;, &quot;description&quot;: &quot;…&quot;, &quot;input_schema&quot;: {&quot;type&quot;: &quot;object&quot;, …}}
]</source>
        <translation>[
  {&quot;name&quot;: &quot;…&quot;, &quot;description&quot;: &quot;…&quot;, &quot;input_schema&quot;: {&quot;type&quot;: &quot;object&quot;, …}}
]</translation>
    </message>
    <message>
        <source>Tool definitions (JSON)</source>
        <translation>Verktygsdefinitioner (JSON)</translation>
    </message>
    <message>
        <source>Problems in the tool definitions</source>
        <translation>Problem i verktygsdefinitionerna</translation>
    </message>
    <message numerus="yes">
        <source>%Ln problem(s) — the last valid tools stay in use</source>
        <translation>
            <numerusform>%Ln problem — de senaste giltiga verktygen används fortfarande</numerusform>
            <numerusform>%Ln problem — de senaste giltiga verktygen används fortfarande</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln tool(s), valid</source>
        <translation>
            <numerusform>%Ln verktyg, giltigt</numerusform>
            <numerusform>%Ln verktyg, giltiga</numerusform>
        </translation>
    </message>
    <message>
        <source>Strict inputs</source>
        <translation>Strikta indata</translation>
    </message>
    <message>
        <source>Sets &quot;strict&quot;: true on every tool: the model&apos;s input then follows each input_schema exactly. A tool may also carry it on its own.</source>
        <translation>Sätter &quot;strict&quot;: true på varje verktyg: modellens indata följer då varje input_schema exakt. Ett verktyg kan också ha det på egen hand.</translation>
    </message>
    <message>
        <source>No tools</source>
        <translation>Inga verktyg</translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Conversation</source>
        <translation>Konversation</translation>
    </message>
    <message>
        <source>Scroll up for earlier messages</source>
        <translation>Rulla uppåt för tidigare meddelanden</translation>
    </message>
    <message>
        <source>Jump to latest ↓</source>
        <translation>Gå till senaste ↓</translation>
    </message>
    <message>
        <source>Scroll to the newest message and follow the reply</source>
        <translation>Rulla till det senaste meddelandet och följ svaret</translation>
    </message>
    <message>
        <source>Jump to latest message</source>
        <translation>Gå till senaste meddelandet</translation>
    </message>
    <message>
        <source>A message (Tab into the transcript)</source>
        <translation>Ett meddelande (Tabb in i konversationen)</translation>
    </message>
    <message>
        <source>Copy the message</source>
        <translation>Kopiera meddelandet</translation>
    </message>
    <message>
        <source>Edit your message</source>
        <translation>Redigera ditt meddelande</translation>
    </message>
    <message>
        <source>Regenerate the reply</source>
        <translation>Generera om svaret</translation>
    </message>
    <message>
        <source>Inspect the reply</source>
        <translation>Granska svaret</translation>
    </message>
    <message>
        <source>Previous or next version</source>
        <translation>Föregående eller nästa version</translation>
    </message>
    <message>
        <source>Previous or next message</source>
        <translation>Föregående eller nästa meddelande</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>Undo</source>
        <translation>Ångra</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Stäng</translation>
    </message>
</context>
<context>
    <name>WebToolOptions</name>
    <message>
        <source>no limit</source>
        <translation>ingen gräns</translation>
    </message>
    <message>
        <source>{tool}: most uses in one reply</source>
        <translation>{tool}: flest användningar i ett svar</translation>
    </message>
    <message>
        <source>How many times the model may use it while writing one reply.</source>
        <translation>Hur många gånger modellen får använda den medan den skriver ett svar.</translation>
    </message>
    <message>
        <source>{tool}: which domains</source>
        <translation>{tool}: vilka domäner</translation>
    </message>
    <message>
        <source>Any domain</source>
        <translation>Alla domäner</translation>
    </message>
    <message>
        <source>Only these domains</source>
        <translation>Bara dessa domäner</translation>
    </message>
    <message>
        <source>Not these domains</source>
        <translation>Inte dessa domäner</translation>
    </message>
    <message>
        <source>example.com, docs.example.org</source>
        <translation>exempel.se, docs.exempel.se</translation>
    </message>
    <message>
        <source>{tool}: domains</source>
        <translation>{tool}: domäner</translation>
    </message>
    <message>
        <source>Domain names, separated by commas (no https://).</source>
        <translation>Domännamn, åtskilda med kommatecken (utan https://).</translation>
    </message>
    <message>
        <source>Cite the fetched pages</source>
        <translation>Citera de hämtade sidorna</translation>
    </message>
    <message>
        <source>The reply marks the passages it takes from a fetched page.</source>
        <translation>Svaret markerar de stycken det tar från en hämtad sida.</translation>
    </message>
    <message>
        <source>Most uses</source>
        <translation>Flest användningar</translation>
    </message>
    <message>
        <source>at most {n}</source>
        <translation>högst {n}</translation>
    </message>
    <message>
        <source>only {domains}</source>
        <translation>bara {domains}</translation>
    </message>
    <message>
        <source>not {domains}</source>
        <translation>inte {domains}</translation>
    </message>
</context>
<context>
    <name>WelcomeView</name>
    <message>
        <source>Set up another provider instead</source>
        <translation>Ställ in en annan leverantör i stället</translation>
    </message>
    <message>
        <source>Save and start</source>
        <translation>Spara och starta</translation>
    </message>
    <message>
        <source>No token yet? The demo answers from a small built-in server on this computer, so every feature can be tried without an account or a network.</source>
        <translation>Ingen token än? Demon svarar från en liten inbyggd server på den här datorn, så att alla funktioner kan provas utan konto eller nätverk.</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>Prova demon</translation>
    </message>
    <message>
        <source>Welcome to Samtal</source>
        <translation>Välkommen till Samtal</translation>
    </message>
    <message>
        <source>Samtal talks to Claude through the Messages API. Choose your provider and paste your API token.</source>
        <translation>Samtal pratar med Claude via Messages API. Välj din leverantör och klistra in din API-token.</translation>
    </message>
    <message>
        <source>Enter the token for “{name}” again</source>
        <translation>Ange token för ”{name}” igen</translation>
    </message>
    <message>
        <source>Samtal has your provider “{name}” but not its token any more: it was kept for one session only, or it is no longer in the system keyring. Paste it again to go on with this provider.</source>
        <translation>Samtal har din leverantör ”{name}” men inte längre dess token: den sparades bara för en session, eller så finns den inte längre i systemets nyckelring. Klistra in den igen för att fortsätta med den här leverantören.</translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation>Inte sparat.</translation>
    </message>
    <message>
        <source>Your token can&apos;t be kept after Samtal quits.</source>
        <translation>Din token kan inte sparas efter att Samtal avslutats.</translation>
    </message>
    <message>
        <source>Paste a token first.</source>
        <translation>Klistra in en token först.</translation>
    </message>
</context>
</TS>
