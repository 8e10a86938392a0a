import json
V=[
("R25-033","edit",2,2,3,"good hook and sign-off but the middle is the snippet sentence pasted in full; trim it"),
("R25-034","post",2,2,5,"tight and punchy, mood fits; 'too many lunges' is fair colour for penalty points"),
("R25-035","edit",2,2,2,"no hook, pasted snippet sentence; only the sign-off has any voice"),
("R25-036","post",2,2,5,"great hook, clean news line, fun sign-off; all supported"),
("R25-037","reject",1,2,1,"pasted snippet, no hook; 'end of an era??' makes no sense for a second-ever marathon and suggests an unsupported story"),
("R25-038","edit",2,2,2,"mood fits but the body is pasted; 'back stronger' is generic and the new champ Ashbridge gets no credit"),
("R25-039","reject",1,2,1,"pasted snippet, no hook or emoji; 'tour' is wrong, it's the T20 World Cup"),
("R25-040","reject",1,2,1,"'so close it hurts' is wrong for an 8-1 blowout and a seventh straight loss; pasted body"),
("R25-041","reject",0,2,1,"misreads a race DNF as him retiring from the sport ('paddock won't be the same'); wrong"),
("R25-042","post",2,2,4,"stat-line hook lands, MVP news clear; 'Cleveland Cavaliers got a HIM' is a touch clunky but fine"),
("R25-043","edit",2,2,3,"decent hook and sign-off but the news line is pasted verbatim; tighten it"),
("R25-044","edit",2,2,3,"strong time hook but the snippet is pasted in the middle; sign-off has no emoji and is generic"),
("R25-045","edit",1,2,4,"good energy but 'champion money' implies she is a champion, which the snippet doesn't say"),
("R25-046","post",2,2,4,"tight, accurate, mood matches the collapse"),
("R25-047","reject",2,1,2,"hook stacks stats with no name (Gantt), the body is pasted, and 'nobody could SEE' is unclear"),
("R25-048","post",2,2,4,"clean stat hook, accurate, confident sign-off; slightly doubled-up hype"),
("R25-049","edit",2,2,2,"no hook, pasted snippet; 'disrespectful' sort of fits the 11th-to-win story but needs a hook (0.094s / final lap)"),
("R25-050","edit",2,2,2,"no hook, pasted snippet; 'career on ice' roughly fits the mood but it's thin"),
("R25-051","edit",1,2,3,"hook works, body pasted; 'rebuild of the rebuild' assumes a rebuild the snippet doesn't mention"),
("R25-052","edit",2,2,2,"no hook, pasted snippet, generic 'massive W'; needs voice (e.g. $156M hook)"),
("R25-053","edit",1,2,4,"good voice but 'ace' and 'benched' aren't supported; he's a pitcher and he's suspended"),
("R25-054","edit",1,2,2,"no hook, pasted snippet; the 'rebuild' sign-off is unsupported"),
("R25-055","edit",2,2,3,"hook and body are flat (body pasted); 'cinema' is generic for a two-shot win; lead with her first major"),
("R25-056","edit",2,2,3,"mood fits with a sympathetic hook and sign-off, but the body is the pasted snippet"),
("R25-057","edit",2,1,3,"sign-off is good but the hook's dangling 'guaranteed' reads garbled; body pasted"),
("R25-058","edit",2,2,2,"no hook, pasted snippet; 'HIM' alone is thin"),
("R25-059","reject",1,2,1,"'DONE DEAL ✍️' is a transfer hook on a match result, which misleads; body pasted"),
("R25-060","edit",2,2,2,"no hook or emoji, pasted snippet; the comeback story deserves a 24-point hook"),
("R25-061","edit",2,2,3,"fitting hook but pasted body; 'DOMINATION' is a bit much for a 38s win, maybe 'first Monument' instead"),
("R25-062","edit",2,2,3,"the stat hook is an odd mix and the body is pasted; 'good LUCK' overclaims a 6-point win"),
("R25-063","edit",1,2,2,"hook ok but body pasted; 'career on ice' overclaims a five-match ban"),
]
items=[json.loads(l)["item"] for l in open("/tmp/read25/part2.jsonl")]
assert [v[0] for v in V]==items
with open("/tmp/read25/verdicts2.jsonl","w") as f:
    for it,vd,fa,fl,st,n in V:
        f.write(json.dumps(dict(item=it,verdict=vd,facts=fa,fluency=fl,style=st,note=n),ensure_ascii=False)+"\n")
rows=[json.loads(l) for l in open("/tmp/read25/verdicts2.jsonl")]
from collections import Counter
print(len(rows),len(items),Counter(r["verdict"] for r in rows))
