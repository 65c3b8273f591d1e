"""Every field of every answer in each layout's fixtures, as read from the fixture's text.

The fixtures are real page texts (several cut at 2,000 bytes, as saved) and complete
pages written from the same real structure.
"""

from datetime import date

from .helpers import answer, assert_answers, read_fixture


def test_hansard_written_answers_commons():
    assert_answers(read_fixture("hansard_written_answers_commons.txt"), "hansard_written_answers", [
    answer(
        uin='180645',
        house='Commons',
        heading='Broadband',
        answering_body='Culture, Media and Sport',
        asking_member='Mr Jim Cunningham',
        question_text='To ask the Secretary of State for Culture, Media and Sport what assessment she has made of the rollout of superfast broadband in Coventry.',
        answered_date=date(2014, 1, 7),
        answering_minister='Mr Vaizey',
        answer_text='The Government is committed to the rollout of superfast broadband.\n\nCoventry is covered by commercial plans.',
    ),
    answer(
        uin='180700',
        house='Commons',
        heading='Tourism',
        answering_body='Culture, Media and Sport',
        asking_member='Mr Gregory Campbell',
        question_text='To ask the Secretary of State for Culture, Media and Sport how many overseas visitors came to Northern Ireland in 2013.',
        answered_date=date(2014, 1, 7),
        answering_minister='Mrs Grant',
        replaces_holding_answer=True,
        answer_text='Tourism in Northern Ireland is a devolved matter. The figures are published by the Northern Ireland Statistics and Research Agency.',
        grouped_uins=('180701',),
    ),
    answer(
        uin='180701',
        house='Commons',
        heading='Tourism',
        answering_body='Culture, Media and Sport',
        asking_member='Mr Gregory Campbell',
        question_text='To ask the Secretary of State for Culture, Media and Sport what steps she is taking to promote tourism in Northern Ireland.',
        answered_date=date(2014, 1, 7),
        answering_minister='Mrs Grant',
        replaces_holding_answer=True,
        answer_text='Tourism in Northern Ireland is a devolved matter. The figures are published by the Northern Ireland Statistics and Research Agency.',
        grouped_uins=('180700',),
    ),
    ], rejections=[])

def test_hansard_written_answers_lords():
    assert_answers(read_fixture("hansard_written_answers_lords.txt"), "hansard_written_answers", [
    answer(
        uin='HL9224',
        house='Lords',
        heading='Cornwall: Stannary Law',
        asking_member='Lord Teverson',
        question_text="To ask Her Majesty's Government, further to the Written Answer by Lord McNally on 11 May (WA 213), whether stannary law can still be used in appropriate courts in Cornwall.",
        answered_date=date(2011, 6, 6),
        answering_minister='Lord McNally',
        answer_text='There is no special status for legislation which applies to Cornwall or to Cornish localities.\n\nThat body of customary law has not been systematically repealed.',
    ),
    answer(
        uin='HL9180',
        house='Lords',
        heading='Crown Prosecution Service: Charging',
        asking_member='Lord Beecham',
        question_text="To ask Her Majesty's Government what parliamentary scrutiny has taken place over the decision to transfer responsibility for charging from the Crown Prosecution Service back to the police for some offences.",
        answered_date=date(2011, 6, 6),
        answering_minister='Lord Wallace of Tankerness',
        answer_text='The chief executive of the Crown Prosecution Service explained the transfer of responsibility to the police.',
    ),
    ], rejections=[])

def test_historic_hansard():
    assert_answers(read_fixture("historic_hansard.txt"), "historic_hansard_written_answers", [
    answer(
        uin='131122',
        house='Commons',
        heading='PARLIAMENTARY QUESTIONS',
        asking_member='Mr. Austin Mitchell',
        question_text='To ask the Minister of Agriculture, Fisheries and Food on how many occasions in the last five years she has knowingly provided incomplete information in answers to parliamentary questions.',
        answered_date=date(1994, 3, 22),
        answering_minister='Mr. Jack',
        answer_text='Ministers in this Department answer parliamentary questions in accordance with paragraph 27 of "Questions of Procedure for Ministers". Between 1 March 1993 and 28 February 1994, this Department received 2,375 parliamentary questions.\n\nOf these, 13 were referred to agency chief executives.',
        grouped_uins=('131123',),
        furniture_removed=True,
    ),
    answer(
        uin='131123',
        house='Commons',
        heading='PARLIAMENTARY QUESTIONS',
        asking_member='Mr. Austin Mitchell',
        question_text="To ask the Minister of Agriculture, Fisheries and Food how many parliamentary questions she has referred to her Department's agencies.",
        answered_date=date(1994, 3, 22),
        answering_minister='Mr. Jack',
        answer_text='Ministers in this Department answer parliamentary questions in accordance with paragraph 27 of "Questions of Procedure for Ministers". Between 1 March 1993 and 28 February 1994, this Department received 2,375 parliamentary questions.\n\nOf these, 13 were referred to agency chief executives.',
        grouped_uins=('131122',),
        furniture_removed=True,
    ),
    answer(
        house='Commons',
        heading='PARLIAMENTARY QUESTIONS',
        asking_member='Mr. Redmond',
        question_text='To ask the Minister of Agriculture, Fisheries and Food what percentage of parliamentary questions to her Department were answered within a week.',
        answered_date=date(1994, 3, 22),
        answering_minister='Mr. McLoughlin',
        answer_text='I have nothing to add to the answer I gave.',
        furniture_removed=True,
    ),
    ], rejections=[])

def test_historic_hansard_1994():
    assert_answers(read_fixture("historic_hansard_1994.txt"), "historic_hansard_written_answers", [
    answer(
        house='Commons',
        asking_member='Mr. Austin Mitchell',
        question_text='To ask the Minister of Agriculture, Fisheries and Food on how many occasions in the last five years she has knowingly provided incomplete information in answers to parliamentary questions other than on grounds of disproportionate cost; and on what subjects.',
        answering_minister='Mr. Jack',
        answer_text='Ministers in this Department answer parliamentary questions in accordance with paragraph 27 of "Questions of Procedure for Ministers".',
    ),
    answer(
        house='Commons',
        asking_member='Mr. Redmond',
        question_text="To ask the Minister of Agriculture, Fisheries and Food if she will list for the last 12 months how many parliamentary questions she has referred to one of her Department's agencies for answer; and what percentage of parliamentary questions to her Department this represents.",
        answering_minister='Mr. Jack',
        answer_text='Between 1 March 1993 and 28 February 1994, this Department received 2,375 parliamentary questions. Of these, 13 were referred to agency chief executives. This represents 0.54 per cent. of the total.',
    ),
    ], rejections=[])

def test_linked_data_api():
    assert_answers(read_fixture("linked_data_api.json"), "linked_data_api", [
    answer(
        uin='HL3624',
        house='Lords',
        heading='Chinook Helicopters: Accidents',
        answering_body='Ministry of Defence',
        asking_member='Lord Forsyth of Drumlean',
        question_text="To ask His Majesty's Government what assessment they have made of the findings of the Chinook ZD576 accident review.",
        tabled_date=date(2024, 3, 26),
        answered_date=date(2024, 4, 9),
        answering_minister='The Earl of Minto',
        answer_text='I refer the Noble Lord to the answers given by my Right Honourable Friend, The Minister for Defence People and Families, in the other place on 26 February 2024 (UIN 13866) and on 15 March 2024 (UIN 17490).',
    ),
    answer(
        uin='HL3700',
        house='Lords',
        heading='Treasury: Consultants',
        answering_body='HM Treasury',
        asking_member='Lord Forsyth of Drumlean',
        question_text="To ask His Majesty's Government how much HM Treasury spent on consultants in 2022 and 2023.",
        tabled_date=date(2024, 4, 2),
        answered_date=date(2024, 4, 15),
        answering_minister='Baroness Vere of Norbiton',
        is_correction=True,
        answer_text='The figures are:\n\n2022: £1.2 million\n2023: £1.4 million\n\nCorrection: the earlier figure was wrong.',
    ),
    ], rejections=[])

def test_linked_data_api_cut():
    assert_answers(read_fixture("linked_data_api_cut.txt"), "linked_data_api", [

    ], rejections=[(1, 'record cut off: the JSON ends inside it')])

def test_lords_hansard_2011_cut():
    assert_answers(read_fixture("lords_hansard_2011_cut.txt"), "hansard_written_answers", [
    answer(
        uin='HL9224',
        house='Lords',
        question_text="To ask Her Majesty's Government, further to the Written Answer by Lord McNally on 11 May (WA 213), whether stannary law can still be used in appropriate courts in Cornwall.",
        answering_minister='Lord McNally',
        answer_text='There is no special status for legislation which applies to Cornwall or to Cornish localities. There were provisions in 19th century primary legislation relating to the stannaries, but these have largely been repealed. Stannary customary law was formerly enforced through the Stannaries Court, but that court was abolished and its jurisdiction transferred to the county courts of Cornwall in consequence of the Stannaries Court (Abolition) Act 1896. That body of customary law has not been systematically repealed but it is likely that such law has been superseded by modern legislation.',
        furniture_removed=True,
    ),
    answer(
        uin='HL9180',
        house='Lords',
        question_text="To ask Her Majesty's Government, further to the answer by Baroness Verma on 12 May, what parliamentary scrutiny has taken place over the decision to transfer responsibility for charging from the Crown Prosecution Service back to the police for some offences.",
        answering_minister='Lord Wallace of Tankerness',
        answer_text="The chief executive of the Crown Prosecution Service (CPS) explained the transfer of responsibility to the police, for charging in certain further offences, when he gave evidence to the House of Commons Justice Select Committee in January 2011. The issue of statutory charging has also been raised in a number of Parliamentary Questions during recent years.\n\nUnder the Criminal Justice Act 2003, the CPS was given the power to charge, although the police retained the responsibility to charge in the more minor cases, which made up around two-thirds of the overall casework. The detailed division of responsibility for charging is set out in the Director of Public Prosecutions' Guidance on Charging, which is regularly updated. Since implementation, the issue of statu",
        answer_text_truncated=True,
        furniture_removed=True,
    ),
    ], rejections=[])

def test_parallel_parliament():
    assert_answers(read_fixture("parallel_parliament.txt"), "parallel_parliament_listing", [
    answer(
        house='Commons',
        heading='Department of Health and Social Care: Written Questions',
        listed_date=date(2023, 1, 23),
        answering_body='Department of Health and Social Care',
        asking_member='Jessica Morden',
        asking_member_constituency='Newport East',
        asking_member_party='Labour',
        question_text='To ask the Secretary of State for Health and Social Care, what proportion of (a) ordinary and (b) named-day written questions their Department answered on time in 2022.',
        answering_minister='Will Quince',
        answer_text='For the period of 4 January 2022 to 28 April 2022, the Department answered 48.06% of Named Day Written Questions on the named day.\n\nThe Department receives the most Written Questions amongst all government departments.',
        furniture_removed=True,
    ),
    answer(
        house='Commons',
        heading='Schools: Stoke-on-Trent',
        listed_date=date(2023, 6, 20),
        answering_body='Department for Education',
        asking_member='Jo Gideon',
        asking_member_constituency='Stoke-on-Trent Central',
        asking_member_party='Labour (Co-op)',
        question_text='To ask the Secretary of State for Education, how many schools in Stoke-on-Trent Central constituency have RAAC.',
        answered_date=date(2023, 6, 27),
        answering_minister='Nick Gibb',
        replaces_holding_answer=True,
        answer_text='No schools in Stoke-on-Trent Central have been confirmed to contain RAAC.',
        furniture_removed=True,
    ),
    ], rejections=[])

def test_parallel_parliament_cut():
    assert_answers(read_fixture("parallel_parliament_cut.txt"), "parallel_parliament_listing", [
    answer(
        house='Lords',
        heading='Asylum: Republic of Ireland',
        listed_date=date(2024, 5, 16),
        answering_body='Home Office',
        asking_member='Lord Weir of Ballyholme',
        asking_member_party='Democratic Unionist Party',
        question_text="To ask His Majesty's Government whether they have received any formal request or demand from the government of Ireland to send any asylum applicants back to the UK from the Republic of Ireland.",
        answering_minister='Lord Sharpe of Epsom',
        answer_text='The Home Office has a Memorandum of Understanding (MoU) with the Irish Department of Justice for information sharing to preserve and enhance the operation of the Common Travel Area. This enables data sharing about asylum seekers.\n\nIn addition to this, in 2020 we agreed operational arrangements which allow for the return and readmission of asylum seekers where this is agreed by both participants. This is not a legally binding agreement and Ireland has not returned anyone to the UK under these arrangements.',
        furniture_removed=True,
    ),
    answer(
        house='Lords',
        heading='Asylum: EU Countries',
        listed_date=date(2024, 5, 16),
        answering_body='Home Office',
        asking_member='Lord Weir of Ballyholme',
        asking_member_party='Democratic Unionist Party',
        question_text="To ask His Majesty's Government how many asylum applicants have been returned to the UK from the EU in the last 12 months.",
        answering_minister='Lord Sharpe of Epsom',
        answer_text='There have been no returns from the EU to the UK.',
        furniture_removed=True,
    ),
    # Cut inside its question: published with what is visible, marked truncated, no answer.
    answer(
        house='Commons',
        heading='Immigration: Fees and Charges',
        listed_date=date(2024, 5, 16),
        answering_body='Home Office',
        asking_member='Layla Moran',
        asking_member_constituency='Oxford West and Abingdon',
        asking_member_party='Liberal Democrat',
        question_text='To ask the Secretary of State for the Home Department, what the average waiting time is for a fee waiver application decision; and what assessme',
        question_text_truncated=True,
        furniture_removed=True,
    ),
    ], rejections=[])

def test_theyworkforyou_wrans():
    assert_answers(read_fixture("theyworkforyou_wrans.txt"), "theyworkforyou_wrans", [
    answer(
        house='Commons',
        heading='Department for Work and Pensions: Remote Working',
        answering_body='Department for Work and Pensions',
        asking_member='David Jones',
        asking_member_constituency='Clwyd West',
        asking_member_party='Conservative',
        question_text='To ask the Secretary of State for Work and Pensions, what steps her Department has taken to enable its officials to work from home during the covid-19 outbreak.',
        answered_date=date(2020, 5, 12),
        answering_minister='Mims Davies',
        replaces_holding_answer=True,
        answer_text='DWP is committed to supporting everyone during this unprecedented time.\n\nWhere colleagues can effectively contribute to this effort working from home then they are doing so. Not all colleagues can work from home because they need to access equipment, programmes and support to enable them to do their telephony and processing work.',
        furniture_removed=True,
    ),
    ], rejections=[])

def test_theyworkforyou_wrans_grouped():
    assert_answers(read_fixture("theyworkforyou_wrans_grouped.txt"), "theyworkforyou_wrans", [
    answer(
        uin='248001',
        house='Commons',
        heading='Schools: Asbestos',
        answering_body='Department for Education',
        asking_member='Jane Doe',
        asking_member_constituency='Exampleton North',
        asking_member_party='Labour',
        question_text='To ask the Secretary of State for Education, how many schools contain asbestos.',
        answered_date=date(2019, 5, 2),
        answering_minister='Nick Gibb',
        answer_text='The Department publishes guidance on asbestos management for schools.\n\nAll schools must have an asbestos management plan.',
        grouped_uins=('248002',),
    ),
    answer(
        uin='248002',
        house='Commons',
        heading='Schools: Asbestos',
        answering_body='Department for Education',
        asking_member='John Roe',
        asking_member_constituency='Exampleton South',
        asking_member_party='Liberal Democrat',
        question_text='To ask the Secretary of State for Education, what guidance his Department issues on asbestos in schools.',
        answered_date=date(2019, 5, 2),
        answering_minister='Nick Gibb',
        answer_text='The Department publishes guidance on asbestos management for schools.\n\nAll schools must have an asbestos management plan.',
        grouped_uins=('248001',),
    ),
    ], rejections=[])

def test_written_questions_api_list():
    assert_answers(read_fixture("written_questions_api_list.json"), "written_questions_api", [
    answer(
        uin='HL1234',
        house='Lords',
        heading='Apprentices',
        answering_body='Department for Education',
        asking_member='Baroness Smith of Newnham',
        asking_member_party='Liberal Democrat',
        question_text="To ask His Majesty's Government what steps they are taking to support flexi-job apprenticeships.",
        tabled_date=date(2024, 1, 8),
        answered_date=date(2024, 1, 22),
        answering_minister='Baroness Barran',
        replaces_holding_answer=True,
        answer_text='Apprentices & employers: see the table.\n\nYear | Starts\n2022 | 1,200',
        grouped_uins=('HL1235', 'HL1236'),
        url='https://questions-statements.parliament.uk/written-questions/detail/2024-01-08/HL1234',
        question_id=1800001,
        asking_member_id=3456,
        answering_member_id=3985,
        answering_body_id=60,
        date_for_answer=date(2024, 1, 10),
        is_named_day=True,
        member_has_interest=False,
        attachment_count=0,
        holding_answer_date=date(2024, 1, 19),
    ),
    answer(
        uin='9001',
        house='Commons',
        heading='Apprentices: Construction',
        answering_body='Department for Education',
        asking_member='Ms Jane Example',
        asking_member_constituency='Exampleton',
        asking_member_party='Labour',
        question_text='To ask the Secretary of State for Education, how many (a) starts and (b) completions of flexi-job apprenticeships there have been through the flexi-job apprenticeship agencies register since February 2022.',
        tabled_date=date(2024, 1, 5),
        answered_date=date(2024, 1, 10),
        is_holding_answer=True,
        is_correction=True,
        answer_text='I will reply as soon as possible.',
        url='https://questions-statements.parliament.uk/written-questions/detail/2024-01-05/9001',
        question_id=1800002,
        asking_member_id=4253,
        answering_member_id=3985,
        answering_body_id=60,
        date_for_answer=date(2024, 1, 10),
        is_named_day=True,
        member_has_interest=False,
        attachment_count=0,
    ),
    answer(
        uin='9002',
        house='Commons',
        heading='Apprentices: Pay',
        answering_body='Department for Education',
        question_text='To ask the Secretary of State for Education, how many (a) starts and (b) completions of flexi-job apprenticeships there have been through the flexi-job apprenticeship agencies register since February 2022.',
        tabled_date=date(2024, 1, 5),
        is_withdrawn=True,
        url='https://questions-statements.parliament.uk/written-questions/detail/2024-01-05/9002',
        question_id=1800003,
        asking_member_id=4253,
        answering_member_id=3985,
        answering_body_id=60,
        date_for_answer=date(2024, 1, 10),
        is_named_day=True,
        member_has_interest=False,
        attachment_count=0,
    ),
    ], rejections=[])

def test_written_questions_api_record():
    assert_answers(read_fixture("written_questions_api_record.json"), "written_questions_api", [
    answer(
        uin='7926',
        house='Commons',
        heading='Apprentices: Employment Agencies',
        answering_body='Department for Education',
        question_text='To ask the Secretary of State for Education, how many (a) starts and (b) completions of flexi-job apprenticeships there have been through the flexi-job apprenticeship agencies register since February 2022.',
        tabled_date=date(2024, 1, 5),
        answered_date=date(2024, 1, 10),
        answer_text='The department is supporting sectors with short-term project-based work through flexi-Job apprenticeship agencies (FJAAs), which allow apprentices to work with different host employers, and on a range of projects, to gain the skills and knowledge needed to be successful in their chosen field.\n\nIn July 2021, the government created a £7 million fund to support employers set up and expand FJAAs. £4.5 million of grant allocations have been awarded, and 97% (£4.3 million) of the grant allocations have been spent.\n\nThere are now 44 FJAAs supporting the delivery of apprenticeships in sectors such as creative, construction, agriculture and digital, across every region in England. The current register of FJAAs can be accessed here: https://www.gov.uk/government/publications/flexi-job-apprenticeships/flexi-job-apprenticeship-agencies.\n\nThe number of apprenticeship starts through FJAAs can be found in the apprenticeships and traineeships statistical release here: https://explore-education-statistics.service.gov.uk/find-statistics/apprenticeships-and-traineeships, with the latest data to be published on 25 January 2024. The department intends to publish data on achievements by FJAAs in due course.',
        url='https://questions-statements.parliament.uk/written-questions/detail/2024-01-05/7926',
        question_id=1679416,
        asking_member_id=4253,
        answering_member_id=3985,
        answering_body_id=60,
        date_for_answer=date(2024, 1, 10),
        is_named_day=True,
        member_has_interest=False,
        attachment_count=0,
    ),
    ], rejections=[])

def test_written_questions_listing():
    assert_answers(read_fixture("written_questions_listing.txt"), "written_questions_listing", [
    answer(
        house='Lords',
        heading='Trade Promotion',
        answering_body='Department for International Trade',
        asking_member='Lord Grocott',
        question_text="To ask Her Majesty's Government what are the job descriptions of each Trade Envoy.",
        tabled_date=date(2019, 7, 22),
        answered_date=date(2019, 8, 16),
        answering_minister='Lord Young of Cookham',
        answer_text='The Terms of Appointment for the Programme provide the framework to which Trade Envoys work to.\n\nTrade Envoys are appointed by the Prime Minister.',
        furniture_removed=True,
    ),
    answer(
        house='Commons',
        answering_body='House of Commons Commission',
        asking_member_constituency='Christchurch',
        question_text='To ask the hon. Member for Perth and North Perthshire, representing the House of Commons Commission, on how many occasions since June 2019 reports have been made on the missing towel dispenser in Norman Shaw North.',
        tabled_date=date(2020, 2, 11),
        answered_date=date(2020, 2, 24),
        answering_minister='Pete Wishart',
        answer_text='Parliamentary Maintenance Services Team (PMST) has three recorded instances of this roller towel being reported to its Helpdesk – on 18/06/19, 09/09/19 and 16/10/19.',
        furniture_removed=True,
    ),
    answer(
        house='Commons',
        heading='Ceramics: USA',
        answering_body='Department for International Trade',
        asking_member='Ruth Smeeth',
        asking_member_constituency='Stoke-on-Trent North',
        question_text='To ask the Secretary of State for International Trade, what representations he has made to the US to oppose retaliatory duties of up to 100 per cent against British ceramic products.',
        tabled_date=date(2019, 4, 11),
        answered_date=date(2019, 4, 25),
        answering_minister='George Hollingbery',
        answer_text='The UK is working closely with the US.',
        grouped_uins=('243501', '243502'),
        furniture_removed=True,
    ),
    ], rejections=[])

def test_written_questions_listing_2016_cut():
    assert_answers(read_fixture("written_questions_listing_2016_cut.txt"), "written_questions_listing", [
    answer(
        house='Commons',
        heading='VisitEngland',
        answering_body='Department for Culture, Media and Sport',
        asking_member_constituency='Cambridge',
        question_text='To ask the Secretary of State for Culture, Media and Sport, what recent discussions he has had with VisitEngland on fiscal support for the Great Places Fund; and what the outcome of those discussions was.',
        tabled_date=date(2015, 11, 13),
        answered_date=date(2016, 3, 24),
        answering_minister='David Evennett',
        answer_text='The British Tourist Authority received a very positive Spending Review settlement, with a stable budget over the next four years for both Britain and England activity, an increase in overall GREAT funding and the new £40million Discover England Fund. The Fund will be administered by VisitEngland and will benefit both domestic and international tourism, making it easier for all visitors to book, access and enjoy our tourism offer.\n\nFollowing the floods caused by storms Desmond and Eva,, £1million has also been provided for a promotional campaign to encourage British families to take holidays in the North of England.',
        grouped_uins=('16197',),
        furniture_removed=True,
    ),
    answer(
        house='Commons',
        heading='Tourism: Marketing',
        answering_body='Department for Culture, Media and Sport',
        asking_member_constituency='Cambridge',
        question_text='To ask the Secretary of State for Culture, Media and Sport, what plans he has to (a) maintain and (b) increase real terms funding for marketing of domestic tourism after 2015.',
        tabled_date=date(2015, 11, 13),
        # The page stops at "Answered by: David": the answer is wholly beyond the cut.
        answer_text_truncated=True,
        furniture_removed=True,
    ),
    ], rejections=[])

def test_written_questions_listing_2019_cut():
    assert_answers(read_fixture("written_questions_listing_2019_cut.txt"), "written_questions_listing", [
    answer(
        house='Commons',
        heading='Home Office: Vetting',
        answering_body='Home Office',
        asking_member='Jon Trickett',
        asking_member_constituency='Hemsworth',
        question_text='To ask the Secretary of State for the Home Department, pursuant to the Answer of 25 February 2019 to Question 223140 on Home Office: Staff, whether a (a) Counter Terrorist Check, (b) Security Check and (c) Developed Vetting has been required for each of the staff contracted by suppliers.',
        tabled_date=date(2019, 3, 1),
        answered_date=date(2019, 3, 26),
        answering_minister='Victoria Atkins',
        answer_text='Staff contracted by suppliers are required to have a minimum clearance level of Base Level Clearance (BPSS).\n\nAll roles are assessed against the security framework to establish the level of clearance required. Where deemed appropriate for the role, staff contracted by suppliers are must also successfully complete a Counter Terrorist Check (CTC) or Security Check (SC). There are no resources on the programme that require Developed Vetting (DV).',
        furniture_removed=True,
    ),
    ], rejections=[(2, 'record cut off before its question text')])


def test_parallel_parliament_question_page():
    assert_answers(read_fixture('parallel_parliament_question_page.txt'), 'parallel_parliament_question_page', [
    answer(
        house='Commons',
        heading='Social Security Benefits: Coronavirus',
        answering_body='Department for Work and Pensions',
        question_text='To ask the Secretary of State for Work and Pensions, what steps she is taking to re-deploy staff of her Department to assist with processing new applications for social security benefits during the covid-19 outbreak.',
        tabled_date=date(2020, 4, 20),
        answered_date=date(2020, 4, 28),
        answering_minister='Mims Davies',
        answer_text='Our priority as a Department is ensuring people get their benefit payments and that we can continue to support those who need us the most.\n\nWe are re-deploying over 10,000 staff to critical frontline services as well as recruiting additional staff to support this priority.',
        furniture_removed=True,
    ),
    ], rejections=[])


def test_parallel_parliament_question_page_2014():
    assert_answers(read_fixture('parallel_parliament_question_page_2014.txt'), 'parallel_parliament_question_page', [
    answer(
        house='Commons',
        heading='Local Education Authorities',
        answering_body='Department for Education',
        question_text='To ask the Secretary of State for Education, how many local education authorities currently operate a three-tier system; how many such authorities have sought to change to a two-tier system since 2010; and how many such authorities have changed to a two-tier system.',
        tabled_date=date(2014, 6, 10),
        answered_date=date(2014, 6, 18),
        answering_minister='David Laws',
        answer_text='The Department does not hold records about the number of local authorities that operate three-tier systems.',
        furniture_removed=True,
    ),
    ], rejections=[])


def test_parliament_question_page_body_only():
    assert_answers(read_fixture('parliament_question_page_body_only.txt'), 'parliament_question_page', [
    answer(
        house='Commons',
        answering_body='Department for Work and Pensions',
        question_text='To ask the Secretary of State for Work and Pensions, how many people his Department has written to regarding changes to the work allowance element of universal credit.',
        answer_text='We have contacted around 59,000 people, purposefully casting the net wide to ensure that no one is missed. The actual number of claimants affected is expected to be significantly lower.',
    ),
    ], rejections=[])


def test_commons_order_book_1998_cut():
    assert_answers(read_fixture('commons_order_book_1998_cut.txt'), 'commons_order_book', [
    answer(
        uin='38580',
        house='Commons',
        asking_member='Mr Patrick Nicholls',
        asking_member_constituency='Teignbridge',
        question_text='To ask the Minister of Agriculture, Fisheries and Food, at which ports since 1st May 1997 checks have been carried out into the quality of imported consignments of meat; what proportion of those checks have involved inspections of (i) the meat, (ii) the documentation and (iii) both; what assessment he has made of the value of checks involving (a) meat and (b) documentation; and if he will make a statement.',
    ),
    answer(
        uin='38347',
        house='Commons',
        asking_member='Mr Paul Tyler',
        asking_member_constituency='North Cornwall',
        question_text='To ask the Minister of Agriculture, Fisheries and Food, what impact the establishment of the Food Standards Agency will have on the role of the food safety activities of the Central Science Laboratory.',
    ),
    answer(
        house='Commons',
        asking_member='Mr Paul Tyler',
        asking_member_constituency='North Cornwall',
        question_text='To ask the Minister of Agriculture, Fisheries and Food, what arrangements he will make to ensure co-ordination of the relevant work of the Central Science Laborato',
        question_text_truncated=True,
    ),
    ], rejections=[])


def test_commons_questions_book_2015_cut():
    assert_answers(read_fixture('commons_questions_book_2015_cut.txt'), 'commons_order_book', [
    answer(
        uin='227700',
        house='Commons',
        asking_member='Chi Onwurah',
        asking_member_constituency='Newcastle upon Tyne Central',
        question_text='To ask the Secretary of State for Business, Innovation and Skills, whether the Centre for Life in Newcastle is eligible for funding from the Inspiring Science Capital Fund.',
    ),
    answer(
        uin='227521',
        house='Commons',
        asking_member='Mr Chuka Umunna',
        asking_member_constituency='Streatham',
        question_text='To ask the Secretary of State for Business, Innovation and Skills, if he will estimate the proportion of advice provided to businesses under the Growth Vouchers scheme to date that has been provided directly by his Department and its agencies.',
    ),
    answer(
        uin='227509',
        house='Commons',
        asking_member='Mark Hendrick',
        asking_member_constituency='Preston',
        question_text='To ask the Minister for the Cabinet Office, how many people died from smoking-related diseases in each local authority area in Lancashire in 2014.',
    ),
    answer(
        house='Commons',
        asking_member='Mark Hendrick',
        asking_member_constituency='Preston',
        question_text='To ask the Minister for the Cabinet Office, how many people died from alc',
        question_text_truncated=True,
    ),
    ], rejections=[])

# Order papers list questions before they are answered: no answer fields. The Lords paper
# prints "<Peer> to ask ..."; the question as tabled begins "To ask".

def test_lords_business_written_questions_cut():
    assert_answers(read_fixture('lords_business_written_questions_cut.txt'), 'lords_business_written_questions', [
    answer(
        uin='HL5635',
        house='Lords',
        asking_member='Lord Alton of Liverpool',
        question_text="To ask His Majesty's Government what assessment they have made of the level of humanitarian aid that has been able to reach the four million Syrians in north-west Syria in areas not controlled by the Assad regime; and whether they plan to lay a UN Security Council Resolution codifying the use of crossings from Turkey to ensure humanitarian access.",
        tabled_date=date(2023, 2, 20),
        furniture_removed=True,
    ),
    answer(
        uin='HL5636',
        house='Lords',
        asking_member='Lord Anderson of Ipswich',
        question_text="To ask His Majesty's Government when they will publish the Framework Document to be agreed between the Department for Environment, Food and Rural Affairs and the Office for Environmental Protection.",
        tabled_date=date(2023, 2, 20),
        furniture_removed=True,
    ),
    answer(
        uin='HL5637',
        house='Lords',
        asking_member='Lord Berkeley',
        question_text="To ask His Majesty's Government what is the procedure for a medical professional to contact the DVLA if an individual is considered unfit to drive, following a medical diagnosis.",
        tabled_date=date(2023, 2, 20),
        furniture_removed=True,
    ),
    answer(
        house='Lords',
        asking_member='Lord Birt',
        question_text="To ask His Majesty's Government what discussions they have had with the government of France regarding the conclusions of the independent review of the 2022 UEFA Champions League Final, chaired by Dr Tiago Brandão Rodrigues; and whether they intend to ask that government to seek from the French police (1) a response, and (2) an apology to Liverpool FC fans for the treatm",
        question_text_truncated=True,
        tabled_date=date(2023, 2, 20),
        furniture_removed=True,
    ),
    answer(
        uin='HL5639',
        house='Lords',
        asking_member='Lord Blunkett',
        question_text="To ask His Majesty's Government what mechanism has been proposed to select backbench peers for attendance at the Coronation of His Majesty King Charles III on 6 May.",
        tabled_date=date(2023, 2, 20),
        furniture_removed=True,
    ),
    answer(
        house='Lords',
        asking_member='Lord Blunkett',
        question_text="To ask His Majesty's Government what proportion of t",
        question_text_truncated=True,
        tabled_date=date(2023, 2, 20),
        furniture_removed=True,
    ),
    ], rejections=[])


def test_lords_unanswered_questions_2010_cut():
    assert_answers(read_fixture('lords_unanswered_questions_2010_cut.txt'), 'lords_business_written_questions', [
    answer(
        uin='HL1005',
        house='Lords',
        answering_body='GEO',
        asking_member='Lord Ouseley',
        question_text='To ask Her Majesty’s Government whether the Equality and Human Rights Commission or its predecessor bodies in recent years initiated investigations into alleged or actual discriminatory activities by the BBC and Channel 4; if so, when such investigations commenced; when any ended or were discontinued; and why.',
        tabled_date=date(2010, 1, 5),
    ),
    answer(
        uin='HL1994',
        house='Lords',
        answering_body='MoD',
        asking_member='Lord Ramsbotham',
        question_text='To ask Her Majesty’s Government whether the intended stationing of a tender for nuclear-powered submarines in the British Indian Ocean Territory will involve the USS Emory S Land; and, if so, whether they will examine the stationing of the vessel at the US naval base at La Maddalena/Sardinia in 2007 and the circumstances of its withdrawal and the closing down of that base.',
        tabled_date=date(2010, 2, 9),
    ),
    answer(
        uin='HL2088',
        house='Lords',
        answering_body='HO',
        asking_member='Baroness Northover',
        question_text='To ask Her Majesty’s Government how much was paid by the Home Office and its agencies to (a) PricewaterhouseCoopers, (b) KPMG, (c) Deloitte, (d) Ernst & Young, (e) Grant Thornton, (f) BDO Stoy Hayward, (g) Baker Tilly, (h) Smith & Williamson, (i) Tenon Group, (j) PKF, (k) McKinsey and Company, and (l) Accenture, in each of the past five years for which information is available; how they monitor contracts with those firms; and how the department reports (1) during, and (2) at the end of, contracts to Buying Solutions.',
        tabled_date=date(2010, 2, 22),
    ),
    answer(
        house='Lords',
        asking_member='Baroness Northover',
        question_text='To ask Her Majesty’s Government how much was paid by the Department for Work and Pensions and its agencies to (a) PricewaterhouseCoopers, (b) KPMG, (c) Deloitte, (d) Ernst & Young, (e) Grant Thornton, (f) BDO Stoy Hayward, (g) Baker Tilly, (h) Smith & Willia',
        question_text_truncated=True,
        tabled_date=date(2010, 2, 22),
    ),
    ], rejections=[])

# The row "5 Nov 2019, 5:07 p.m. Ministry of Justice: Honours Seema Malhotra" is split into
# title and questioner; its date does not say whose it is and is no field. The page stops
# inside the second answer's table (a header cell, no figures).

def test_parallel_parliament_department_table_cut():
    assert_answers(read_fixture('parallel_parliament_department_table_cut.txt'), 'parallel_parliament_department_table', [
    answer(
        house='Commons',
        heading='Ministry of Justice: Honours',
        listed_date=date(2019, 11, 5),
        answering_body='Ministry of Justice',
        asking_member='Seema Malhotra',
        question_text='To ask the Secretary of State for Justice, what proportion of staff in his Department in receipt of each category of Honour in (a) December 2018 and (b) June 2019 were (i) from ethnic minority backgrounds and (ii) female aged (A) under 30, (B) 31 to 40, (C) 41 to 50 and (D) aged over 50.',
        answering_minister='Chris Philp',
        answer_text='The Government is committed to ensuring that the honours system is fully representative of UK society. The proportion of women and people from ethnic minorities receiving recognition on each honours list is available on GOV.UK as is a breakdown of ethnicities of recipients is published on the Ethnicity Facts and Figures website at\n\nInformation on ages is not correlated with other diversity factors. We also publish the proportion of honours by independent committee on GOV.UK. The numbers of honours recipients in the Ministry of Justice are very small and vary from year to year. Releasing the requested data would identify the individuals and they have given permission for their data to be used for statistical purposes only.',
    ),
    answer(
        house='Commons',
        heading='Witnesses',
        listed_date=date(2019, 10, 28),
        answering_body='Ministry of Justice',
        asking_member='Richard Burgon',
        question_text='To ask the Secretary of State for Justice, how many witnesses have received support from the court-based witness service in each year since 2010.',
        answering_minister='Wendy Morton',
        answer_text='This Government is committed to ensuring that both prosecution and defence witnesses receive timely and effective emotional and practical support to help them give their best evidence in criminal courts in England and Wales.\n\nThe number of witnesses who have received support from the Ministry of Justice grant funded court based Witness Service since 2010 (data available pre-2013 is rounded data) as reported by the provider is set out in the table below.:\n\nNumber of witnesses supported\n\nVictim Support',
        answer_text_truncated=True,
    ),
    ], rejections=[])


def test_question_answer_json_pair():
    assert_answers(read_fixture('question_answer_json_pair.json'), 'question_answer_json', [
    answer(
        house='Commons',
        question_text='To ask the Secretary of State for Housing, Communities and Local Government, pursuant to the Answer of 26 July 2024 to Question 1314 on National Policy Statements, what the (a) current status, (b) planned timetable for consultation and revision and (c) expected (i) completion and (ii) ratification date is for each policy document.',
        answer_text='Of the thirteen National Policy Statements originally designated between 2011 and 2023, six, namely Energy National Policy Statements 1 to 5 and the National Networks National Policy Statement, were revised and updated in January and May 2024 respectively. The Water Resources National Policy Statement was designated for the first time in September 2023.\n\nWhere necessary, the Government is fully committed to updating National Policy Statements within the 12-month timescale. We are currently reviewing which National Policy Statements to update but we aim to consult on at least two – a revised NPS for ports and a new NPS for nuclear – before the end of this year.',
    ),
    ], rejections=[])


def test_question_answer_json_search_index():
    assert_answers(read_fixture('question_answer_json_search_index.json'), 'question_answer_json', [
    answer(
        uin='3765',
        house='Commons',
        heading='10 Downing Street: Digital Technology',
        answering_body='Cabinet Office',
        asking_member='Mr Richard Holden',
        question_text='To ask the Minister for the Cabinet Office, what the (a) headcount and (b) budget is of the 10 Downing Street data science team.',
        tabled_date=date(2024, 9, 2),
        answered_date=date(2024, 9, 5),
        answering_minister='Georgia Gould',
        answer_text='There were 21 FTE staff in post as of 31 July 2024, with a standing headcount of 25. The budget for the 2024/25 year is £2.347m. This budget covers headcount, with funding for incidental expenditures coming from a flexible central pot.',
    ),
    answer(
        uin='2677',
        house='Commons',
        heading='Right to Buy Scheme',
        answering_body='Ministry of Housing, Communities and Local Government',
        question_text='To ask the Secretary of State for Housing, Communities and Local Government , if she will make an estimate of the real-terms value of the total of discounts claimed under Right to Buy in each local authority in England and Wales in each year since 1989.',
        tabled_date=date(2024, 7, 30),
    ),
    ], rejections=[])


def test_written_questions_listing_2017_lords_cut():
    assert_answers(read_fixture('written_questions_listing_2017_lords_cut.txt'), 'written_questions_listing', [
    answer(
        house='Lords',
        heading='Overseas Students: Entry Clearances',
        answering_body='Department for Education',
        question_text="To ask Her Majesty's Government how many international students with Tier 4 visas gained qualifications in the last academic year for which figures are available.",
        tabled_date=date(2017, 9, 7),
        answered_date=date(2017, 9, 26),
        answering_minister='Lord Nash',
        answer_text='We do not hold information on how many students with a Tier 4 visa gain qualifications each year.\n\nHowever, the Higher Education Statistics Agency (HESA) collects data on those gaining HE qualifications by country of domicile. This shows that in the academic year 2015/16 there were just over 150,000 higher education qualifications obtained at UK Higher Education Institutions by students living in non-EU countries immediately prior to them commencing their studies. Not all these students would have required Tier 4 visas to study in the UK.',
        furniture_removed=True,
    ),
    answer(
        house='Lords',
        heading='T-levels',
        answering_body='Department for Education',
        question_text="To ask Her Majesty's Government what progress they have made in developing T-level qualifications.",
        tabled_date=date(2017, 9, 14),
        answered_date=date(2017, 9, 26),
        answering_minister='Lord Nash',
        answer_text='The government is creating a world class technical education system. The best way to deliver this successfully is through partnership between government, business experts and leaders and education professionals. We are therefore working',
        answer_text_truncated=True,
        furniture_removed=True,
    ),
    ], rejections=[])


def test_written_questions_listing_2020_holding_cut():
    assert_answers(read_fixture('written_questions_listing_2020_holding_cut.txt'), 'written_questions_listing', [
    answer(
        house='Commons',
        heading='Dental Services: Coronavirus',
        answering_body='Department of Health and Social Care',
        asking_member='Sarah Olney',
        asking_member_constituency='Richmond Park',
        question_text='To ask the Secretary of State for Health and Social Care, if he will make it his policy to permit dentists to reopen.',
        tabled_date=date(2020, 5, 12),
        answered_date=date(2020, 6, 5),
        answering_minister='Jo Churchill',
        replaces_holding_answer=True,
        answer_text='NHS England and NHS Improvement are working to ensure appropriate services are in place for all who need them.\n\nNational Health Service dentistry was reorganised in late March along with other NHS primary care services to minimise face to face care to contain the spread of COVID-19 during the peak of the pandemic. Dentists were asked to suspend all routine treatment and instead to offer urgent advice and, where required, prescriptions for antibiotics by telephone. Urgent treatment was made available through urgent dental centres (UDCs) set up in each NHS region.\n\nAs of 25 May there are currently over 550 UDCs open across England. Patients are triaged into UDCs by their own dentistry or through NHS 111. The UDCs are expected',
        answer_text_truncated=True,
        furniture_removed=True,
    ),
    ], rejections=[])


def test_parallel_parliament_untitled_cut():
    assert_answers(read_fixture('parallel_parliament_untitled_cut.txt'), 'parallel_parliament_listing', [
    answer(
        house='Commons',
        answering_body='Department for Education',
        asking_member='John Glen',
        asking_member_constituency='Salisbury',
        asking_member_party='Conservative',
        question_text='To ask the Secretary of State for Education, what total amount her Department spent on ministerial travel by (a) the Government Car and Despatch Agency and (b) other car hire in (i) 2007-08, (ii) 2008-09 and (iii) 2009-10.',
        answering_minister='Nick Gibb',
        answer_text='The total amount spent on Ministerial travel by the Government Car and Despatch Agency has already been published and can be found at:\n(i) http://www.publications.parliament.uk/pa/cm200708/cmhansrd/cm080722/wmstext/80722m0008.htm\n(ii) http://www.publications.parliament.uk/pa/cm200809/cmhansrd/cm090716/wmstext/90716m0009.htm\nInformation regarding expenditure on other car hire, such as impromptu taxi hire, was not held by the Department centrally and can be provided only at disproportionate cost.',
    ),
    answer(
        house='Commons',
        answering_body='Department for Education',
        asking_member='John Glen',
        asking_member_constituency='Salisbury',
        asking_member_party='Conservative',
        question_text='To ask the Secretary of State for Education, whether IGCSE qualifications will be included in 14 to 16 school performance tables after 2016.',
        answering_minister='David Laws',
        answer_text='We expect to make an announcement in the near future on how achievements in IGCSEs and other level 1/level 2 certificates will be reflected in key stage 4 performance tables from 2017 onwards, following the first awarding of new GCSEs.',
    ),
    answer(
        house='Commons',
        answering_body='Department for Education',
        asking_member='John Glen',
        asking_member_constituency='Salisbury',
        asking_member_party='Conservative',
        question_text='To ask the Secretary of State for Education, if he will allow universities offering Initial Teacher Training programmes to apply for additional places when they fill their annual allocation.',
        answering_minister='David Laws',
        answer_text='On 5 June 2014 the National College for Teaching and Leadership announced that a limited number of additional postgraduate places in certain subjects have been made available to higher education institutions (HEIs). Places will only be allocated to the HEIs that have already filled their courses or are close to doing so and have extra candidates looking to train with them',
        answer_text_truncated=True,
    ),
    ], rejections=[])


def test_generic_written_questions():
    assert_answers(read_fixture('generic_written_questions.txt'), 'generic_written_questions', [
    answer(
        uin='123456',
        house='Commons',
        heading='Pothole repairs',
        asking_member='Jess Phillips',
        question_text='To ask the Secretary of State for Transport, how much funding his Department has allocated to local highway authorities for pothole repairs in each of the last three financial years.',
        answered_date=date(2024, 3, 14),
        answering_minister='Guy Opperman',
        answer_text='Local highway authorities received £1.2 billion for highways maintenance in 2023-24.\n\nFurther details are published at https://www.gov.uk/government/collections/highways-maintenance-funding.',
    ),
    answer(
        uin='HL3021',
        house='Lords',
        asking_member='Lord Storey',
        question_text='What steps they are taking to improve school attendance in the North West.',
        answering_minister='Baroness Barran',
        answer_text='We are working with local authorities to improve attendance.',
    ),
    answer(
        uin='123500',
        house='Commons',
        question_text='To ask the Secretary of State for Education, how many pupils in Birmingham were persistently absent in the autumn term of 2023.',
        answering_minister='Damian Hinds',
        # Nothing marks where the last answer ends: the newsletter's closing line is read with it.
        answer_text='The information is not held in the form requested.\n\nContact the office to ask about anything in this newsletter.',
    ),
    ], rejections=[])
