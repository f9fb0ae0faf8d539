<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln message</numerusform>
            <numerusform>%Ln messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln search(es)</source>
        <translation>
            <numerusform>%Ln search</numerusform>
            <numerusform>%Ln searches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln page(s) fetched</source>
        <translation>
            <numerusform>%Ln page fetched</numerusform>
            <numerusform>%Ln pages fetched</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>≈ %Ln input token(s)</source>
        <translation>
            <numerusform>≈ %Ln input token</numerusform>
            <numerusform>≈ %Ln input tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln token</numerusform>
            <numerusform>%Ln tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Input: %Ln token(s) ({r} read from the cache, {w} written to it)</source>
        <translation>
            <numerusform>Input: %Ln token ({r} read from the cache, {w} written to it)</numerusform>
            <numerusform>Input: %Ln tokens ({r} read from the cache, {w} written to it)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Output: %Ln token(s)</source>
        <translation>
            <numerusform>Output: %Ln token</numerusform>
            <numerusform>Output: %Ln tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln web search(es)</source>
        <translation>
            <numerusform>%Ln web search</numerusform>
            <numerusform>%Ln web searches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln replies of models without a price (Edit ▸ Prices…)</source>
        <translation>
            <numerusform>%Ln reply of a model without a price (Edit ▸ Prices…)</numerusform>
            <numerusform>%Ln replies of models without a price (Edit ▸ Prices…)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConversationLibrary</name>
    <message numerus="yes">
        <source>Delete %Ln conversation(s) permanently? This can&apos;t be undone.</source>
        <translation>
            <numerusform>Delete %Ln conversation permanently? This can&apos;t be undone.</numerusform>
            <numerusform>Delete %Ln conversations permanently? This can&apos;t be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InspectorDialog</name>
    <message numerus="yes">
        <source>%Ln web search(es)</source>
        <translation>
            <numerusform>%Ln web search</numerusform>
            <numerusform>%Ln web searches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln web fetch(es)</source>
        <translation>
            <numerusform>%Ln web fetch</numerusform>
            <numerusform>%Ln web fetches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>structured output (%Ln properties)</source>
        <translation>
            <numerusform>structured output (%Ln property)</numerusform>
            <numerusform>structured output (%Ln properties)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln tool(s)</source>
        <translation>
            <numerusform>%Ln tool</numerusform>
            <numerusform>%Ln tools</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutputSchemaEditor</name>
    <message numerus="yes">
        <source>A valid schema of %Ln properties</source>
        <translation>
            <numerusform>A valid schema of %Ln property</numerusform>
            <numerusform>A valid schema of %Ln properties</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln problem(s) — the last valid schema stays in use</source>
        <translation>
            <numerusform>%Ln problem — the last valid schema stays in use</numerusform>
            <numerusform>%Ln problems — the last valid schema stays in use</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ParameterSetEditor</name>
    <message numerus="yes">
        <source>JSON, %Ln properties…</source>
        <translation>
            <numerusform>JSON, %Ln property…</numerusform>
            <numerusform>JSON, %Ln properties…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ParametersPanel</name>
    <message numerus="yes">
        <source>%Ln token(s)</source>
        <translation>
            <numerusform>%Ln token</numerusform>
            <numerusform>%Ln tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln stop(s)</source>
        <translation>
            <numerusform>%Ln stop</numerusform>
            <numerusform>%Ln stops</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln tool(s)</source>
        <translation>
            <numerusform>%Ln tool</numerusform>
            <numerusform>%Ln tools</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Edit the schema (%Ln properties)…</source>
        <translation>
            <numerusform>Edit the schema (%Ln property)…</numerusform>
            <numerusform>Edit the schema (%Ln properties)…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfileService</name>
    <message numerus="yes">
        <source>Connected. %Ln models are available.</source>
        <translation>
            <numerusform>Connected. %Ln model is available.</numerusform>
            <numerusform>Connected. %Ln models are available.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchResultDelegate</name>
    <message numerus="yes">
        <source>%Ln+ message(s)</source>
        <translation>
            <numerusform>%Ln+ message</numerusform>
            <numerusform>%Ln+ messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s)</source>
        <translation>
            <numerusform>%Ln message</numerusform>
            <numerusform>%Ln messages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ToolsEditor</name>
    <message numerus="yes">
        <source>%Ln problem(s) — the last valid tools stay in use</source>
        <translation>
            <numerusform>%Ln problem — the last valid tools stay in use</numerusform>
            <numerusform>%Ln problems — the last valid tools stay in use</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln tool(s), valid</source>
        <translation>
            <numerusform>%Ln tool, valid</numerusform>
            <numerusform>%Ln tools, valid</numerusform>
        </translation>
    </message>
</context>
</TS>
