// The host comes with the rest of the moderation issue; the domain rules are first.
return 0;
