<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search Conversations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search titles and every message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import claude.ai Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import conversations from a claude.ai data export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Conversation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this conversation as Markdown or JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;All Conversations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every conversation as Markdown or JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Providers, tokens and preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit Samtal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Last Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the last reply as Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the reply; the partial text is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the failed or stopped request again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue a reply that was cut off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;generate Reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask again; the old reply stays as a branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename this conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this conversation at the top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tags…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag this conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move out of the list without deleting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to &amp;Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete (it stays in the trash for 30 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre&amp;vious Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne&amp;xt Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Conversation List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Parameters Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Archived Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;rash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Jump to Latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scroll to the newest message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Samtal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out ~{n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{cost} (reported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first token {s} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{r} tok/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reached max_tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The context window is full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Claude</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no messages yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{m} min {s} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{h} h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{remaining} of {limit} left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wait {t} before retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quote this id when you ask support about this reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in {t} (at {time})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passed (at {time})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens: {i} in · {o} out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{i} in · {o} out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources of the reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply&apos;s JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking against the output schema…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The output schema is not a valid JSON Schema ({problem}), so the reply was not checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ The reply is not valid JSON: {problem}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✗ The reply does not match the output schema:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  … and {n} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓ Matches the output schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest line of the model&apos;s thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model&apos;s thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking… {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking withheld (display: omitted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model thought, but the provider sent only a signature, not the text (thinking display &quot;omitted&quot;). The thinking is sent back with the next request as it came, so the model keeps it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the model&apos;s thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the model&apos;s thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the model&apos;s thinking was redacted by the provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This call can&apos;t be answered. Regenerate the reply for a complete one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a new version of this reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool call · {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted: the input never completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>receiving input…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered with an error · the result is below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered · the result is below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What {name} returned…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result of {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tool failed (is_error)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send this result marked as an error, so the model knows the call failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result for {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} · error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the image full size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} · {width}×{height}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[{type} block]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply was interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request id: {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The partial reply above is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. The partial reply above is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply reached the max_tokens limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply stopped because the conversation fills the model&apos;s context window. Start a new conversation, branch from an earlier message (edit it), or choose a model with a longer context.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model paused its turn again after {n} continuations (a long web search or fetch). Continue lets it go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category: {category}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can retry, or edit your message and send it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cache {figures}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln search(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln page(s) fetched</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>stop: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anthropic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ace Data Cloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other Anthropic-compatible server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x-api-key header (as Anthropic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorization: Bearer header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your token is kept in your system keyring, never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no usable system keyring: your token is kept for this session only, never in a file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token in the keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token for this session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an API key in the Anthropic Console. Requests go to api.anthropic.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the API token from your Ace Data Cloud account. Requests go to api.acedata.cloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A gateway or proxy that speaks the Anthropic Messages API at &lt;base URL&gt;/v1/messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider did not accept this token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This token is not allowed to use the API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account has no credit left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing answers at this address. Check the base URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests right now. Try again in a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider is overloaded right now. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider reported an internal error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider timed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server redirected the request, and Samtal did not follow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection test failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the query was not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the search service is unavailable right now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reply used up the searches it may make (max uses)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many searches at once; try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the query was too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the request was too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the URL was not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the URL was too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the domain is not allowed (allowed or blocked domains)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model may fetch only URLs from the conversation or earlier results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the page could not be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the page is of a kind that can&apos;t be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many fetches at once; try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the reply used up the fetches it may make (max uses)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the fetch service is unavailable right now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching the web…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search was cut off with the reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searched the web: “{query}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searched the web</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching a page…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fetch was cut off with the reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetched {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetched a page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used the server tool {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the search service said {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages the search found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pages found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 result · {domains}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} results · {domains}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the pages found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the pages found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The fetch failed: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the fetch service said {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page fetched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retrieved {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Com&amp;pare Parameters…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the same message with 2 to 4 parameter sets at once and compare the replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no preset “{name}” any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied the preset “{name}”, but its parameters can&apos;t be sent as they are: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied the preset “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the preset “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted the preset “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversations start with Samtal&apos;s defaults.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversations start with the preset “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentChip</name>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the image full size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show {name} full size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} · {width}×{height}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentFlow</name>
    <message>
        <source>&amp;Attach Files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach images, PDFs or text files to the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*);;Images (*.png *.jpg *.jpeg *.gif *.webp);;PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not attach: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} was not attached: the message would be over {limit}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is already attached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem} Remove {name} ({size}) or another attachment, or start a new conversation.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CacheStatusWiring</name>
    <message>
        <source>cache warm for {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cache {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt cache of this conversation stays warm for 5 minutes after the last request that wrote or read it (at {time}). A request sent before then reads the cached start of the conversation at a fraction of the input price, and keeps the cache warm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompt cache of this conversation stays warm for an hour after the last request that wrote or read it (at {time}). A request sent before then reads the cached start of the conversation at a fraction of the input price, and keeps the cache warm.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>The data folder {folder} is read-only: you can read and search your conversations, but nothing can be sent or saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set {n}: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tool call was cut off before its input was complete, so it can&apos;t be answered: regenerate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer every tool call first: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No provider is set up yet: add a token in Settings or try the demo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reply is still streaming in this conversation: stop it first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CollapsibleSection</name>
    <message>
        <source>expanded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>collapsed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareColumn</name>
    <message>
        <source>Remove this parameter set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop this reply; what arrived is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep This</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this reply in the conversation and discard the others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep All, Show This</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep every reply as a branch of the conversation; show this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the first words…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareRun</name>
    <message>
        <source>The compare could not be started.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <source>Compare Parameters — Samtal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message to send with every parameter set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare one more parameter set (at most {n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop every reply (Esc); what arrived is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the prompt with every parameter set at once (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the message to send first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set {n}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep one reply, or close this window to keep them all as branches of the conversation.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Attach images, PDFs or text files (or drop or paste them here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message Claude…  (Ctrl+Enter to send, Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message Claude…  (Enter to send, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attaching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the reply (Esc); the partial reply is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComposerEdit</name>
    <message>
        <source>Message Claude…  (Enter to send, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing a message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New line in the message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionManager</name>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>Conversation title</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Click to switch between the fitted and the actual size</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InlineEditor</name>
    <message>
        <source>Edited message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the message as it was (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the edited message as a new branch (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InspectorDialog</name>
    <message>
        <source>Request Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No request was recorded for this message: it was imported (an export from claude.ai keeps the conversation, not the requests). What is known about it is shown above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cURL command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Response headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cURL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the request body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as cURL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy a curl command that sends this request; it reads the token from an environment variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include attachment data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the attachments in full (a runnable request) rather than abbreviated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request Inspector — reply {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied: set ${name} before running it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model} (asked for {asked})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(stop sequence {s})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{i} input · {o} output · cache: {r} read, {w} written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no price for this model (see Edit ▸ Prices…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{usd} (reported by the provider)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{usd} (from the price table)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first byte {v} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>first text {v} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>total {v} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{v} tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body Samtal kept for this reply. When sending it, Samtal added &quot;stream&quot; (true unless streaming was turned off); the cURL command leaves it out, so curl prints the whole reply at once (above {n} max_tokens, which the API takes only streamed, it asks for the stream).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No request was kept with this message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment data is abbreviated here; Copy JSON and Copy as cURL include it in full while “Include attachment data” is ticked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No response headers were kept with this message.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InspectorWiring</name>
    <message>
        <source>&amp;Inspect Last Request…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request, response headers and usage of the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token prices per model, used for the costs shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no reply to inspect yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>≈ %Ln input token(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>≈ {n} in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider&apos;s estimate of the next request: your draft, the conversation so far and the parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too long for the model: {n} tokens &gt; {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too long: {n} &gt; {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too long for the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The provider refuses this request as it stands: “{message}”. Remove attachments or text, or choose a model with a larger context.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cache saved {usd}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cache added {usd}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{cost} (reported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>This conversation: %Ln token(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>all %Ln token(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Input: %Ln token(s) ({r} read from the cache, {w} written to it)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Output: %Ln token(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln web search(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln replies of models without a price (Edit ▸ Prices…)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Every reply of this conversation, all branches ({n}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost: {usd}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved by the prompt cache: {usd}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added by cache writes: {usd}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} of the costs reported by the provider</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy this message as Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit and resend this message (a new branch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a new version of this reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the request, response headers and usage of this reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing… press Esc to stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply is being written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelPicker</name>
    <message>
        <source>The model that answers. Pick one the provider lists, or type any model id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParameterSetEditor</name>
    <message>
        <source>The longest reply, in tokens; the reply stops there (max_tokens).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Randomness: lower is more focused and repeatable, higher more varied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nucleus sampling: only the most likely tokens whose probabilities add up to p.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample only from the k most likely next tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extended thinking, with its budget in tokens (at least 1,024, below max_tokens).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructions the model follows; this set&apos;s own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thinking</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParametersPanel</name>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch the provider&apos;s model list again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructions for the whole conversation (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructions the model follows for the whole conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the system prompt in a larger window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expand the system prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Randomness: lower is more focused and repeatable, higher more varied. Unset: the API&apos;s 1.0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nucleus sampling: only the most likely tokens whose probabilities add up to p.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sample only from the k most likely next tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The longest reply, in tokens; the reply stops there (max_tokens).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sequences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply stops as soon as the model writes one of these.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stream the reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the reply as it is written. Off: one request returns the whole reply at the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extended thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model reasons step by step before it answers, within a token budget.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thinking budget (tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The most tokens spent thinking: at least 1,024 and less than max tokens, which it counts toward.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit this conversation&apos;s tool definitions (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether and how the model must use the tools.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. a UUID or a hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metadata.user_id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent as metadata.user_id: helps the provider detect abuse per end user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An opaque id — no personal data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User id (metadata.user_id)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>context {n} tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output up to {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lowered to {shown}, the most this model writes; back to {chosen} with a model that allows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lowered to {shown} to stay below max tokens; back to {chosen} when max tokens allows it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln stop(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The tools editor has errors: the last valid tools are sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API refused it: {m}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent while extended thinking is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every reply must call a tool, also the reply to a tool&apos;s result: choose Auto before sending results to get an answer from them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raise max tokens above 1,024 to leave room for a thinking budget.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not streamed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit tools ({n})…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add tools…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln tool(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>user id</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresetNameDialog</name>
    <message>
        <source>A preset needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a preset called “{name}”: saving replaces its parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a preset called “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PresetsBar</name>
    <message>
        <source>Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset commands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save, rename, delete presets; the preset for new conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversations start with this preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The parameters on screen are the preset “{name}” changed: choose it to apply it again, or save them under its name with the ⋯ menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply a saved set of parameters to this conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No presets yet: save the parameters on screen with the ⋯ menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the preset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name for “{name}”:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the preset “{name}”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save current parameters as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversations start with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preset (Samtal&apos;s defaults)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PriceTableDialog</name>
    <message>
        <source>Prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USD per million tokens, web searches per thousand. A model takes the price of the longest model id prefix it starts with. Cache writes cost 1.25 × input for 5 minutes and 2 × input for an hour; what a cache read costs depends on the model. Changing the input price moves the cache prices along. When the provider reports a cost itself, that cost is shown instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model id prefix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model ids starting with this (then a &apos;-&apos; or the end)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uncached input tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output tokens, thinking included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing to the prompt cache for 5 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1h write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing to the prompt cache for an hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading from the prompt cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>USD per 1,000 web searches (web fetches cost only their tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a price for other model ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected row you added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the selected built-in row its original prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore All Defaults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} (free)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in price, changed by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every price is 0: replies of these models cost $0. Set a price to count their cost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A prompt longer than {n} tokens costs {factor} × every token price.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProfileService</name>
    <message>
        <source>No answer from {host} within {seconds:g} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test failed unexpectedly ({error}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected, but the provider lists no Claude models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Connected. %Ln models are available.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Your settings could not be saved ({reason}); they last until Samtal quits.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProviderForm</name>
    <message>
        <source>Profile name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste your token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave empty to keep the saved token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error type: {type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request id: {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>My gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SamplingChoice</name>
    <message>
        <source>Send temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send top_p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This model takes temperature or top_p, not both.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Samtal</name>
    <message>
        <source>Could not list models: {e}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up a provider (or try the demo) to start a conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streaming…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo mode: replies come from a small server on this computer; nothing leaves it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up a provider…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Un&amp;archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up a provider to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Context window full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied the last reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived the conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived {n} conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved the conversation to the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved {n} conversations to the trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete permanently</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete {n} conversation(s) permanently? This can&apos;t be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>claude.ai export or Samtal JSON (*.zip *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported from {name}: {summary}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import finished with errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
… and {n} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Markdown (*.md);;JSON, lossless (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can&apos;t write {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {p}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Samtal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Samtal&lt;/b&gt; {v}&lt;br&gt;A native desktop chat client for the Claude Messages API.&lt;br&gt;{kept}&lt;br&gt;MIT licence.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchResultDelegate</name>
    <message>
        <source>Found in the title</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln+ message(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider profiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No provider yet. Add one to chat with your own token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Replace token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Make active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Enter sends (Enter inserts a newline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the model for conversation titles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Costs one short extra request per new conversation. Otherwise a conversation is named after the start of its first message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language is used from the next time Samtal starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests now go to: {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens can&apos;t be kept after Samtal quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the token of “{name}” from this computer? Keep a copy if you want to use it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove “{name}” and delete its token from this computer? Your conversations are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter: a word or a key (e.g. “branch” or “Ctrl+K”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SiblingNavigator</name>
    <message>
        <source>Previous version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {n} of {count}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>Search conversations (Ctrl+K)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversation (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only conversations with this tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected conversations for good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the search field to its results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Permanently…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to Trash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trash is empty.
Conversations in the trash are deleted after {days} days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No archived conversations tagged “{tag}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No archived conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversations tagged “{tag}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conversations yet — press Ctrl+N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No matches for “{query}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBox</name>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the request again (a new version)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let the reply go on from where it stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Your Message…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the message this replies to and send it again (a new branch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update token…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a new API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the provider and its base URL</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StopSequencesEditor</name>
    <message>
        <source>Stop sequences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a stop sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New stop sequence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected stop sequences (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A stop sequence can&apos;t be empty or only spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That stop sequence is already in the list.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SystemPromptDialog</name>
    <message>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructions the model follows for the whole conversation.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TagsDialog</name>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags of {subject}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TokenDialog</name>
    <message>
        <source>Use this provider now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where requests go and paste the API token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit “{name}”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the name or where requests go. Paste a token only to replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a new API token for “{name}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token can&apos;t be kept after Samtal quits.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ToolAnswerBar</name>
    <message>
        <source>Send results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the tool results to the model (Ctrl+Enter in a result)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the tool results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every call has its result. Ctrl+Enter in a result sends them too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model is waiting for the tool&apos;s result: write it above, then send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model is waiting for the results: {n} of {total} written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ToolChoiceEditor</name>
    <message>
        <source>Tool choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model decides whether to call a tool (the default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any tool</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model must call one of the tools.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This tool…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model must call the tool chosen below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model may not call any tool.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool to call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One tool call at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disable_parallel_tool_use: the model calls one tool at a time instead of several at once.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ToolsDialog</name>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JSON array of tool definitions, each with a name, a description and an input_schema (a JSON Schema of type object). Valid changes apply to this conversation at once.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ToolsEditor</name>
    <message>
        <source>[
  {&quot;name&quot;: &quot;…&quot;, &quot;description&quot;: &quot;…&quot;, &quot;input_schema&quot;: {&quot;type&quot;: &quot;object&quot;, …}}
]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool definitions (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems in the tool definitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-indent the JSON (only when it is valid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line {line}: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to line {line}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln problem(s) — the last valid tools stay in use</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln tool(s), valid</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No tools</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TranscriptView</name>
    <message>
        <source>Scroll up for earlier messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jump to latest ↓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scroll to the newest message and follow the reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jump to latest message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomeView</name>
    <message>
        <source>Set up another provider instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save and start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token yet? The demo answers from a small built-in server on this computer, so every feature can be tried without an account or a network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to Samtal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samtal talks to Claude through the Messages API. Choose your provider and paste your API token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the token for “{name}” again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samtal has your provider “{name}” but not its token any more: it was kept for one session only, or it is no longer in the system keyring. Paste it again to go on with this provider.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your token can&apos;t be kept after Samtal quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste a token first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
