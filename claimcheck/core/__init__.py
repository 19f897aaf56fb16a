"""Infrastructure every other package stands on; it imports nothing from them.

- errors: the errors a user can act on (one line, exit 2); sanitize: user text and JSON made safe;
- env: CLAIMCHECK_* numbers, validated; limits: how much one run accepts (article, query, claims);
- io: reading user input (documents: .docx and .pdf files as text); writing: atomic output files;
  outdir and locks: output folders only claimcheck writes, one writer at a time;
- paths: where the project's data and the user's state live;
- types: the typed results every stage returns (DESIGN.md's JSON schema).
"""
